/** What a CLI command may touch, so tests can run commands in-process with their own streams. */
export type CliIo = {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  isTTY: boolean;
};

export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** The real process streams. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    isTTY: Boolean(process.stderr.isTTY),
  };
}

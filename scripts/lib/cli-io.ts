import { once } from 'node:events';

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

/** Writes text, waiting for the stream to drain when it asks to (large CSVs, slow pipes). */
export async function writeText(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

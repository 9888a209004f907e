import { once } from 'node:events';
import { EnvError, requireDatabaseUrl } from '@/lib/env';

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

/** DATABASE_URL, or null after saying on stderr what is wrong with it (the command exits 1). */
export async function databaseUrlOrReport(io: CliIo): Promise<string | null> {
  try {
    return requireDatabaseUrl();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    await writeText(io.stderr, `${error.message}\n`);
    return null;
  }
}

import { PassThrough, Readable } from 'node:stream';
import { resetEnvCache } from '@/lib/env';
import { run as locationToken } from '@/scripts/commands/location-token';
import type { CliCommand } from '@/scripts/lib/cli-io';

/** What an in-process CLI run returned and printed. */
export type CliRun = { code: number; out: string; err: string };

/**
 * Runs a CLI command in-process with captured stdout/stderr; stdin is `options.stdin` (empty by
 * default) and there is no TTY unless `options.isTTY`.
 */
export async function captureCli(
  command: CliCommand,
  args: string[],
  options: { stdin?: string; isTTY?: boolean } = {},
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await command(args, {
    stdout,
    stderr,
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    isTTY: options.isTTY ?? false,
  });
  return { code, out, err };
}

/**
 * `location-token re-encrypt` against `databaseUrl` after an APP_ENCRYPTION_KEY rotation, the
 * keys set in process.env as an operator would (the new one in hex, the previous one in base64,
 * so both spellings are read). The caller restores process.env afterwards.
 */
export async function reencryptTokens(options: {
  databaseUrl: string;
  key: Buffer;
  previousKey: Buffer;
}): Promise<CliRun> {
  Object.assign(process.env, {
    DATABASE_URL: options.databaseUrl,
    APP_ENCRYPTION_KEY: options.key.toString('hex'),
    APP_ENCRYPTION_KEY_PREVIOUS: options.previousKey.toString('base64'),
  });
  resetEnvCache();
  return captureCli(locationToken, ['re-encrypt']);
}

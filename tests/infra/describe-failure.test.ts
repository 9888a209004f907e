import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFailure } from '@/scripts/lib/local-postgres';

const dir = mkdtempSync(path.join(os.tmpdir(), 'describe-failure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function attempt(bin: string, args: string[] = []) {
  return describeFailure(bin, args, spawnSync(bin, args, { encoding: 'utf8' }));
}

describe('a child process that fails says why', () => {
  it('a missing binary: ENOENT and the path', () => {
    const bin = path.join(dir, 'no-such-initdb');
    const message = attempt(bin, ['-D', 'x']);
    expect(message).toContain('ENOENT');
    expect(message).toContain(`could not run ${bin}`);
    expect(message).not.toContain('null');
  });

  it('a binary that may not be executed: EACCES and the path', () => {
    const bin = path.join(dir, 'not-executable');
    writeFileSync(bin, '#!/bin/sh\nexit 0\n');
    chmodSync(bin, 0o644);
    const message = attempt(bin);
    // root may execute any file with an x bit; 0644 has none, so root is refused as well.
    expect(message).toContain('EACCES');
    expect(message).toContain(bin);
  });

  it('a binary that runs and fails: its exit status and output', () => {
    const bin = path.join(dir, 'fails');
    writeFileSync(bin, '#!/bin/sh\necho "no space left" >&2\nexit 3\n');
    chmodSync(bin, 0o755);
    const message = attempt(bin, ['start']);
    expect(message).toContain('exit status 3');
    expect(message).toContain('no space left');
  });
});

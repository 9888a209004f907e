import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_HASH_FILE, isBuildCurrent, sourceHash } from './source-hash';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function checkout(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'source-hash-'));
  dirs.push(root);
  mkdirSync(path.join(root, 'app/x'), { recursive: true });
  mkdirSync(path.join(root, 'lib/testing'), { recursive: true });
  writeFileSync(path.join(root, 'app/x/page.tsx'), 'export default 1;');
  writeFileSync(path.join(root, 'lib/a.ts'), 'export const a = 1;');
  writeFileSync(path.join(root, 'package.json'), '{}');
  return root;
}

describe('the demo rebuilds only when the sources changed', () => {
  it('the hash follows the build inputs, not tests, timestamps or other folders', () => {
    const root = checkout();
    const first = sourceHash(root);
    expect(sourceHash(root)).toBe(first);
    writeFileSync(path.join(root, 'lib/a.test.ts'), 'test');
    writeFileSync(path.join(root, 'lib/testing/seed.ts'), 'seed');
    mkdirSync(path.join(root, 'tests'));
    writeFileSync(path.join(root, 'tests/b.ts'), 'b');
    writeFileSync(path.join(root, 'lib/a.ts'), 'export const a = 1;'); // same bytes again
    expect(sourceHash(root)).toBe(first);
    writeFileSync(path.join(root, 'lib/a.ts'), 'export const a = 2;');
    expect(sourceHash(root)).not.toBe(first);
    writeFileSync(path.join(root, 'lib/a.ts'), 'export const a = 1;');
    writeFileSync(path.join(root, 'lib/new.ts'), '');
    expect(sourceHash(root)).not.toBe(first);
  });

  it('a build is current only when it finished and its stamp names these sources', () => {
    const root = checkout();
    const hash = sourceHash(root);
    expect(isBuildCurrent(root, hash)).toBe(false); // no build
    mkdirSync(path.join(root, '.next'));
    writeFileSync(path.join(root, BUILD_HASH_FILE), `${hash}\n`);
    expect(isBuildCurrent(root, hash)).toBe(false); // no BUILD_ID: unfinished
    writeFileSync(path.join(root, '.next/BUILD_ID'), 'abc');
    expect(isBuildCurrent(root, hash)).toBe(true);
    writeFileSync(path.join(root, 'app/x/page.tsx'), 'export default 2;');
    expect(isBuildCurrent(root, sourceHash(root))).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNC_NODE_FLAGS } from './node-flags';

const scripts = (
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

describe('the processes that sync run with SYNC_NODE_FLAGS', () => {
  it.each(['worker', 'cli'])('npm run %s', (name) => {
    expect(scripts[name]).toBe(
      `node scripts/build-bin.mjs && node ${SYNC_NODE_FLAGS.join(' ')} dist/bin/${name}.mjs`,
    );
  });
});

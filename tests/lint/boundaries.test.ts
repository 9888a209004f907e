import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer rules of eslint.config.mjs (docs/architecture.md) on snippets linted as if they were
 * files at the given paths: ESLint's own Node API with the project's config, so these fail when a
 * rule stops catching what it is for.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The rule ids and messages ESLint reports for `code` as the file `file` (repo-relative). */
async function lint(
  file: string,
  code: string,
): Promise<{ rule: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

describe('import boundaries', () => {
  it('lib/ may not import components/ (the sign-in throttle once did), in any spelling', async () => {
    for (const specifier of [
      '@/components/auth/sign-in-error-message',
      '../../components/auth/sign-in-error-message',
    ]) {
      const messages = await lint(
        'lib/auth/example.ts',
        `import { signInErrorMessage } from '${specifier}';\nexport const x = signInErrorMessage;\n`,
      );
      expect(messages).toEqual([
        {
          rule: 'local/layers',
          message: `'${specifier}' may not be imported here: lib/ is below components/ and app/: move the shared code into lib/`,
        },
      ]);
    }
    expect(
      await lint('lib/metrics/example.ts', `export { default } from '@/app/health/page';\n`),
    ).toMatchObject([{ rule: 'local/layers' }]);
  });

  it('nothing but tests, bench/ and scripts/ imports sim/', async () => {
    const code = `import { startSimulator } from '@/sim/server';\nexport const start = startSimulator;\n`;
    expect(await lint('lib/sync/example.ts', code)).toEqual([
      {
        rule: 'local/layers',
        message:
          "'@/sim/server' may not be imported here: sim/ (the GHL simulator) is reached over HTTP only; tests, bench/ and scripts/ may start it",
      },
    ]);
    expect(await lint('components/example.tsx', code)).toMatchObject([{ rule: 'local/layers' }]);
    for (const allowed of [
      'tests/sync/example.ts',
      'lib/sync/example.test.ts',
      'bench/example.ts',
      'scripts/example.ts',
    ]) {
      expect(await lint(allowed, code), allowed).toEqual([]);
    }
  });

  it("a 'use client' module may not import the database, secrets or a server-only module", async () => {
    const cases = [
      ['@/lib/db/client', 'lib/db/client runs on the server only'],
      ['@/lib/crypto/encrypt', 'lib/crypto/encrypt runs on the server only'],
      // Not in the list of server folders: caught by its `import 'server-only'`.
      ['@/lib/users/list-users', "lib/users/list-users imports 'server-only'"],
      ['pg', 'a server package'],
      ['@prisma/client', 'a server package'],
    ];
    for (const [specifier, why] of cases) {
      // Under app/, where no layer rule bans these: the client rule alone speaks.
      const messages = await lint(
        'app/example/widget.tsx',
        `'use client';\n\nimport * as server from '${specifier}';\nexport const x = server;\n`,
      );
      expect(messages, specifier).toEqual([
        {
          rule: 'local/client-imports',
          message: `'${specifier}' is server-only (${why}) and may not be imported by a 'use client' module: pass the data in as props, or fetch it through a route (lib/query).`,
        },
      ]);
    }
  });

  it('a lib/ module that reaches the database must import server-only', async () => {
    const code = `import { createDb } from '@/lib/db/client';\nexport const make = createDb;\n`;
    expect(await lint('lib/users/example.ts', code)).toMatchObject([
      { rule: 'local/server-only-guard' },
    ]);
    expect(await lint('lib/users/example.ts', `import 'server-only';\n${code}`)).toEqual([]);
  });

  it('components never reach GHL or the sync; lib/metrics never runs the sync or calls GHL', async () => {
    expect(
      await lint(
        'components/health/example.tsx',
        `import { createGhlClient } from '@/lib/ghl/client';\nexport const c = createGhlClient;\n`,
      ),
    ).toMatchObject([{ rule: 'local/layers' }]);
    expect(
      await lint(
        'lib/metrics/example.ts',
        `import 'server-only';\nimport { runSync } from '@/lib/sync/run-sync';\nexport const r = runSync;\n`,
      ),
    ).toMatchObject([{ rule: 'local/layers' }]);
  });

  it('allows the imports the flow allows', async () => {
    // A client component: react-query options, a type from a server module (erased).
    expect(
      await lint(
        'components/reports/example.tsx',
        `'use client';\n\nimport type { Db } from '@/lib/db/client';\nimport { readReportRange } from '@/lib/query/report-range';\nexport const read = readReportRange;\nexport type D = Db;\n`,
      ),
    ).toEqual([]);
    // Server actions ('use server'): the client gets references, even when the module is guarded.
    expect(
      await lint(
        'app/example/widget.tsx',
        `'use client';\n\nimport { exampleAction } from '@/tests/lint/fixtures/example-action';\nexport const act = exampleAction;\n`,
      ),
    ).toEqual([]);
    // The sync calls GHL; the health report reads the sync's vocabulary (plain data).
    expect(
      await lint(
        'lib/sync/example.ts',
        `import { createGhlClient } from '@/lib/ghl/client';\nexport const c = createGhlClient;\n`,
      ),
    ).toEqual([]);
    expect(
      await lint(
        'lib/metrics/example.ts',
        `import { SYNC_ENTITIES } from '@/lib/sync/types';\nimport { accessFix } from '@/lib/sync/access-fix';\nexport const e = [SYNC_ENTITIES, accessFix];\n`,
      ),
    ).toEqual([]);
    // A page reads through lib/metrics and components.
    expect(
      await lint(
        'app/example/page.tsx',
        `import { getLocationsReport } from '@/lib/metrics/get-locations-report';\nimport { NotFoundView } from '@/components/layout/not-found-view';\nexport const x = [getLocationsReport, NotFoundView];\n`,
      ),
    ).toEqual([]);
  });
});

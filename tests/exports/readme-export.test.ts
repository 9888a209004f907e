import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCATIONS_CSV_HEADERS } from '@/lib/metrics/locations-report-columns';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { parseCsv } from '@/tests/exports/parse-csv';
import { seedContacts, seedLocation, seedTransactions } from '@/tests/metrics/seed';

/**
 * The README's export command, run verbatim as a user would type it (a shell, npm, the bundled
 * CLI), into the file it names: the file holds only the documented CSV — no npm banner, no BOM.
 * The line is read from README.md, so the README and this test cannot drift apart.
 */
const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

async function readmeExportLine(): Promise<{ line: string; file: string }> {
  const readme = await readFile(path.join(root, 'README.md'), 'utf8');
  const lines = readme.split('\n').filter((l) => /^npm run .*cli -- export locations /.test(l));
  expect(lines, 'README.md has one export command line').toHaveLength(1);
  const line = lines[0]!.replace(/\s+#.*$/, '').trim();
  const file = /> *(\S+\.csv)$/.exec(line)?.[1];
  expect(file, `the README's export line writes a .csv file: ${line}`).toBeDefined();
  return { line, file: file! };
}

/** Runs a shell line in a fresh folder inside the checkout (npm finds package.json above it). */
async function inFolder(line: string, file: string, databaseUrl: string): Promise<Buffer> {
  const folder = await mkdtemp(path.join(root, '.readme-export-'));
  try {
    // As a user's shell: no npm_* variables from whatever started the tests.
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
    for (const name of Object.keys(env)) if (/^npm_/i.test(name)) delete env[name];
    await run('bash', ['-c', line], {
      cwd: folder,
      env,
      timeout: 120_000,
    });
    return await readFile(path.join(folder, file));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedLocation(t.db, { id: 'loc_z', name: 'Zahnärzte Köln', timezone: 'Europe/Berlin' });
  await seedLocation(t.db, { id: 'loc_t', name: '東京 Clinic', timezone: 'Asia/Tokyo' });
  await seedContacts(t.db, 'loc_z', ['2026-10-05T10:00:00Z']);
  await seedTransactions(t.db, 'loc_t', [
    { createdAt: '2026-10-10T01:00:00Z', amount: '2500', currency: 'JPY' },
  ]);
  for (const id of ['loc_z', 'loc_t']) await recomputeDailyRollups(t.db, id, 'all');
});
afterAll(async () => {
  await t?.drop();
});

describe("README's export command", () => {
  it('writes only the documented CSV into the file', { timeout: 180_000 }, async () => {
    const { line, file } = await readmeExportLine();
    expect(line).toMatch(/^npm run -s cli -- export locations --from \S+ --to \S+ > \S+\.csv$/);
    const bytes = await inFolder(line, file, t.url);
    expect(bytes.subarray(0, 3).toString('latin1')).not.toBe('\xef\xbb\xbf');
    const records = parseCsv(bytes.toString('utf8'));
    expect(records[0]).toEqual(LOCATIONS_CSV_HEADERS);
    expect(records.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['loc_z', 'Zahnärzte Köln', ''],
      ['loc_t', '東京 Clinic', 'JPY'],
    ]);
    expect(records.every((r) => r.length === LOCATIONS_CSV_HEADERS.length)).toBe(true);
  });

  it(
    'would have caught the banner: without -s npm writes it into the file',
    { timeout: 180_000 },
    async () => {
      const { line, file } = await readmeExportLine();
      const bytes = await inFolder(line.replace('npm run -s cli', 'npm run cli'), file, t.url);
      expect(bytes.toString('utf8')).toMatch(/^\n> agency-pulse@[^\n]* cli\n/);
      expect(() => parseCsv(bytes.toString('utf8'))).toThrow();
    },
  );
});

import { readFile, writeFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { run } from '@/scripts/commands/export';
import { setAccess } from '@/tests/metrics/seed';
import { createHarness, fullSync, giveOwnTokens, type SyncHarness } from '@/tests/sync/helpers';

/**
 * Golden master of the locations export (`cli export locations`, the same lines as the CSV
 * route): the bytes for three periods over one deterministic database, compared with the files
 * committed beside this test. Any change to a figure, a column, the order, the quoting or the
 * line endings fails here. The database is a real sync of the seeded simulator (fixed seed and
 * reference "now"); the only clock-dependent value, `last_synced_at`, is pinned after the sync.
 *
 * A deliberate change of the export: `UPDATE_GOLDEN=1 npx vitest run tests/golden`, then review
 * the diff of tests/golden/*.csv like any other code change.
 */

const PERIODS = [
  { from: '2026-10-01', to: '2026-10-31' },
  // Pacific/Auckland moves to daylight time on 2026-09-27 inside this period.
  { from: '2026-09-01', to: '2026-10-31' },
  { from: '2025-11-01', to: '2026-10-31' },
] as const;

const SIZES = () => ({
  contacts: 90,
  opportunities: 45,
  transactions: 45,
  orders: 3,
  subscriptions: 8,
});
const SYNCED_AT = new Date('2026-11-01T06:00:00.000Z');
const isUpdate = process.env.UPDATE_GOLDEN === '1';
const goldenFile = (period: { from: string; to: string }) =>
  new URL(`./locations_${period.from}_${period.to}.csv`, import.meta.url);

async function exportCsv(databaseUrl: string, from: string, to: string): Promise<Buffer> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  process.env.DATABASE_URL = databaseUrl;
  resetEnvCache();
  const code = await run(['locations', '--from', from, '--to', to], {
    stdout,
    stderr,
    stdin: new PassThrough(),
    isTTY: false,
  });
  expect(Buffer.concat(err).toString('utf8')).toBe('');
  expect(code).toBe(0);
  return Buffer.concat(out);
}

describe('locations export golden master', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    // Strict mode: 6 of 8 locations have their own token, so 2 show every metric unavailable.
    h = await createHarness({ mode: 'strict', seed: 1, locations: 8, sizes: SIZES });
    const locations = h.sim.world.locations;
    await giveOwnTokens(
      h,
      locations.slice(0, 6).map((l) => l.id),
    );
    expect((await fullSync(h)).status).toBe('partial');
    // One readable location loses its payments scope afterwards: a row with some empty cells.
    const partial = locations[1]!.id;
    await setAccess(h.db, partial, { transactions: 'scope_missing' });
    await recomputeDailyRollups(h.db, partial, 'all');
    await h.db.location.updateMany({
      where: { lastSyncedAt: { not: null } },
      data: { lastSyncedAt: SYNCED_AT },
    });
  });
  afterAll(async () => h?.close());

  for (const period of PERIODS) {
    it(`is byte-identical to the committed export for ${period.from}..${period.to}`, async () => {
      const actual = await exportCsv(h.t.url, period.from, period.to);
      expect(actual.length).toBeGreaterThan(0);
      if (isUpdate) await writeFile(goldenFile(period), actual);
      const golden = await readFile(goldenFile(period));
      expect(actual.toString('utf8')).toBe(golden.toString('utf8'));
      expect(actual.equals(golden)).toBe(true);
    });
  }
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import { formatMoney } from '@/lib/metrics/format-money';
import { sumDecimals } from '@/lib/metrics/decimal';
import { DAILY_SERIES_MAX_DAYS, dailySeriesCsvLines } from '@/lib/reports/export/daily-series-csv';
import { MAX_SERIES_DAYS } from '@/lib/metrics/get-daily-series';
import { syncHealthCsvLines } from '@/lib/reports/export/sync-health-csv';
import { SYNC_ENTITIES } from '@/lib/sync/types';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { parseCsv } from '@/tests/exports/parse-csv';
import { seedScaleAgency } from '@/tests/metrics/seed-scale';

/**
 * The exports over more locations than one statement reads. The daily series of 120 locations ×
 * 364 days is fetched from a cursor in batches of 13 locations (~5,000 rows each), and the stitched result
 * is complete, in order, and adds up to the locations report; sync health in batches of 50.
 */
const PERIOD = { from: '2023-02-01', to: '2024-01-30' };
const DAYS = 364;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  // 30 days of rollups from 2024-01-01; USD every other day, EUR too for every tenth location.
  await seedScaleAgency(t.db, 120, 30);
});
afterAll(async () => {
  await t?.drop();
});

describe('the exports in batches', () => {
  it('caps the export at the daily series cap (kept apart so the export needs no Prisma client)', () => {
    expect(DAILY_SERIES_MAX_DAYS).toBe(MAX_SERIES_DAYS);
  });

  it('reads 120 locations in 10 cursor batches and writes every location × day once, in order', async () => {
    const spy = vi.spyOn(pg.Client.prototype, 'query');
    let text = '';
    let chunks = 0;
    for await (const chunk of dailySeriesCsvLines(t.url, PERIOD)) {
      expect(chunk.endsWith('\r\n')).toBe(true);
      text += chunk;
      chunks++;
    }
    // 10 batches (9 × 13 + 3 locations): one FETCH from the cursor each, in one snapshot.
    const statements = spy.mock.calls.map(([query]) =>
      typeof query === 'string' ? query : (query as { text: string }).text,
    );
    spy.mockRestore();
    expect(statements.filter((s) => s.startsWith('FETCH 13 '))).toHaveLength(10);
    expect(statements[0]).toBe('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    expect(statements.at(-1)).toBe('COMMIT');
    expect(chunks).toBeGreaterThan(3);

    const rows = parseCsv(text).slice(1);
    const euroDays = 12 * 15; // 12 locations pay in EUR too on each of 15 paying days
    expect(rows).toHaveLength(120 * DAYS + euroDays);
    const order = [...new Set(rows.map((r) => r[1]))];
    expect(order).toEqual([...order].sort());
    expect(order).toHaveLength(120);
    // Each location's rows are contiguous and dense over the period.
    for (const name of order.slice(0, 3).concat(order.slice(-3))) {
      const days = new Set(rows.filter((r) => r[1] === name).map((r) => r[3]));
      expect(days.size).toBe(DAYS);
    }

    const report = await getLocationsReport(t.db, PERIOD);
    for (const expected of report.rows.filter((_, i) => i % 7 === 0)) {
      const own = rows.filter((r) => r[0] === expected.locationId);
      const days = new Map(own.map((r) => [r[3], r]));
      expect([...days.values()].reduce((n, r) => n + Number(r[5]), 0)).toBe(expected.newContacts);
      const paid = own.filter((r) => r[4] === expected.currency);
      expect(formatMoney(sumDecimals(paid.map((r) => r[11]!)), expected.currency)).toBe(
        expected.paymentsGross,
      );
    }
  });

  it('writes sync health for 120 locations in keyset batches, each location once, in name order', async () => {
    let text = '';
    for await (const chunk of syncHealthCsvLines(t.db, { now: new Date() }, 50)) text += chunk;
    const rows = parseCsv(text).slice(1);
    expect(rows).toHaveLength(120 * SYNC_ENTITIES.length);
    const order = [...new Set(rows.map((r) => r[1]))];
    expect(order).toHaveLength(120);
    expect(order).toEqual([...order].sort());
    expect(rows.slice(0, SYNC_ENTITIES.length).map((r) => r[6])).toEqual([...SYNC_ENTITIES]);
  });
});

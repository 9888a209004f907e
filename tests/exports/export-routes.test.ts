import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import { sumDecimals } from '@/lib/metrics/decimal';
import { formatMoney } from '@/lib/metrics/format-money';
import { DAILY_SERIES_CSV_HEADERS } from '@/lib/reports/export/daily-series-csv';
import { SYNC_HEALTH_CSV_HEADERS } from '@/lib/reports/export/sync-health-csv';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { SYNC_ENTITIES } from '@/lib/sync/types';
import { run } from '@/scripts/commands/export';
import { parseCsv } from '@/tests/exports/parse-csv';
import {
  seedContacts,
  seedLocation,
  seedOpportunities,
  seedTransactions,
} from '@/tests/metrics/seed';
import { admin, mockSignedIn, staffOf, state } from '@/tests/signed-in';
import { useSignedInDatabase } from '@/tests/signed-in-database';

// The real route handlers, with the session and the database swapped for this file's own.
mockSignedIn();
const { GET: getDailyCsv } = await import('@/app/api/reports/daily.csv/route');
const { GET: getHealthCsv } = await import('@/app/api/reports/sync-health.csv/route');

const staff = staffOf(['loc_t']);

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };
const period = `from=${OCTOBER.from}&to=${OCTOBER.to}`;
const daily = (query: string) =>
  getDailyCsv(new Request(`http://127.0.0.1/api/reports/daily.csv?${query}`));
const health = () => getHealthCsv(new Request('http://127.0.0.1/api/reports/sync-health.csv'));

/** The body's bytes, and its records parsed after checking and removing the BOM. */
async function download(response: Response): Promise<{ bytes: Buffer; records: string[][] }> {
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(bytes.subarray(0, 3).equals(BOM)).toBe(true);
  return { bytes, records: parseCsv(bytes.subarray(3).toString('utf8')) };
}

/** `cli export …` in-process: exit code and stdout bytes. */
async function cli(args: string[], url: string): Promise<{ code: number; out: Buffer }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  process.env.DATABASE_URL = url;
  resetEnvCache();
  const code = await run(args, { stdout, stderr, stdin: new PassThrough(), isTTY: false });
  expect(Buffer.concat(err).toString('utf8')).toBe('');
  return { code, out: Buffer.concat(out) };
}

const t = useSignedInDatabase(async ({ db, url }) => {
  // The daily-series download reads with plain `pg` on DATABASE_URL (not the mocked Prisma db()).
  process.env.DATABASE_URL = url;
  resetEnvCache();
  await seedLocation(db, { id: 'loc_z', name: 'Zahnärzte Köln', timezone: 'Europe/Berlin' });
  await seedLocation(db, { id: 'loc_t', name: '東京 Clinic', timezone: 'Asia/Tokyo' });
  await seedLocation(db, {
    id: 'loc_h',
    name: '=HYPERLINK("x")',
    access: { transactions: 'scope_missing' },
  });
  await seedLocation(db, { id: 'loc_old', name: 'Archived', archivedAt: new Date() });
  await seedContacts(db, 'loc_z', ['2026-10-05T10:00:00Z', '2026-10-05T11:00:00Z']);
  await seedContacts(db, 'loc_h', ['2026-10-05T10:00:00Z']);
  await seedOpportunities(db, 'loc_z', [
    {
      createdAt: '2026-10-06T10:00:00Z',
      status: 'won',
      monetaryValue: '250.5',
      lastStatusChangeAt: '2026-10-07T10:00:00Z',
    },
  ]);
  await seedTransactions(db, 'loc_z', [
    { createdAt: '2026-10-08T10:00:00Z', amount: '100', currency: 'USD' },
    { createdAt: '2026-10-08T11:00:00Z', amount: '50', currency: 'EUR' },
    { createdAt: '2026-10-09T10:00:00Z', amount: '20', amountRefunded: '5', currency: 'USD' },
  ]);
  await seedTransactions(db, 'loc_t', [
    { createdAt: '2026-10-10T01:00:00Z', amount: '2500', currency: 'JPY' },
  ]);
  await seedTransactions(db, 'loc_h', [{ createdAt: '2026-10-10T01:00:00Z', amount: '7' }]);
  for (const id of ['loc_z', 'loc_t', 'loc_h', 'loc_old'])
    await recomputeDailyRollups(db, id, 'all');
});
beforeEach(() => {
  state.user = admin;
});

describe('GET /api/reports/daily.csv', () => {
  it('answers 401 to a signed-out caller, before looking at the parameters', async () => {
    state.user = null;
    for (const query of [period, 'from=nonsense']) {
      const response = await daily(query);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        error: { code: 'unauthenticated', message: 'Sign in to see reports.' },
      });
    }
  });

  it('streams location × day × currency with a BOM, dense days and empty cells for unavailable data', async () => {
    const response = await daily(period);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(
      'filename="agency-pulse-daily_2026-10-01_2026-10-31.csv"',
    );
    expect(response.body).toBeInstanceOf(ReadableStream);
    const { records } = await download(response);
    expect(records[0]).toEqual([...DAILY_SERIES_CSV_HEADERS]);
    const rows = records.slice(1);
    // 31 days each; loc_z has one day paid in two currencies; archived loc_old is left out.
    expect(rows).toHaveLength(31 * 3 + 1);
    expect([...new Set(rows.map((r) => r[0]))]).toEqual(['loc_h', 'loc_z', 'loc_t']);
    const line = (id: string, day: string) =>
      rows.filter((r) => r[0] === id && r[3] === day).map((r) => r.join('|'));
    expect(line('loc_h', '2026-10-05')).toEqual([
      // Formula-guarded name; transactions unreadable: empty currency and payment cells, not 0.
      `loc_h|'=HYPERLINK("x")|UTC|2026-10-05||1|0|0|0|0.00||||`,
    ]);
    expect(line('loc_z', '2026-10-08')).toEqual([
      'loc_z|Zahnärzte Köln|Europe/Berlin|2026-10-08|EUR|0|0|0|0|0.00|1|50.00|0.00|50.00',
      'loc_z|Zahnärzte Köln|Europe/Berlin|2026-10-08|USD|0|0|0|0|0.00|1|100.00|0.00|100.00',
    ]);
    expect(line('loc_z', '2026-10-07')).toEqual([
      'loc_z|Zahnärzte Köln|Europe/Berlin|2026-10-07||0|0|1|0|250.50|0|0.00|0.00|0.00',
    ]);
    expect(line('loc_t', '2026-10-10')).toEqual([
      'loc_t|東京 Clinic|Asia/Tokyo|2026-10-10|JPY|0|0|0|0|0.00|1|2500|0|2500',
    ]);
    expect(line('loc_t', '2026-10-11')).toEqual([
      'loc_t|東京 Clinic|Asia/Tokyo|2026-10-11||0|0|0|0|0.00|0|0.00|0.00|0.00',
    ]);
  });

  it('adds up to the locations report for the same period', async () => {
    const { records } = await download(await daily(period));
    const rows = records.slice(1);
    const report = await getLocationsReport(t.db, OCTOBER);
    for (const expected of report.rows) {
      const own = rows.filter((r) => r[0] === expected.locationId);
      // Counts repeat on each currency row of a day: add one row per day.
      const perDay = new Map(own.map((r) => [r[3], r]));
      const sum = (column: number) =>
        [...perDay.values()].every((r) => r[column] === '')
          ? null
          : [...perDay.values()].reduce((total, r) => total + Number(r[column]), 0);
      expect(sum(5), expected.locationId).toBe(expected.newContacts);
      expect(sum(7), expected.locationId).toBe(expected.opportunitiesWon);
      const paid = own.filter((r) => r[4] === expected.currency);
      if (expected.paymentsGross === null) {
        expect(own.every((r) => r[4] === '' && r[11] === '')).toBe(true);
      } else if (expected.currency !== '') {
        const gross = sumDecimals(paid.map((r) => r[11]!));
        expect(formatMoney(gross, expected.currency)).toBe(expected.paymentsGross);
        expect(paid.reduce((n, r) => n + Number(r[10]), 0)).toBe(expected.paymentsCount);
      }
    }
  });

  it('gives staff only their locations, and 404 — not the data — for another one', async () => {
    state.user = staff;
    const { records } = await download(await daily(period));
    expect(new Set(records.slice(1).map((r) => r[0]))).toEqual(new Set(['loc_t']));
    const refused = await daily(`${period}&location=loc_z`);
    expect(refused.status).toBe(404);
    const text = await refused.text();
    expect(text).not.toContain('Zahn');
    expect(JSON.parse(text)).toEqual({
      error: { code: 'not_found', message: 'No such location.' },
    });
  });

  it("names one location's download after it (file-safe), and answers 404 for an archived one", async () => {
    const response = await daily(`${period}&location=loc_t`);
    expect(response.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''agency-pulse-daily_${encodeURIComponent('東京-Clinic')}_2026-10-01_2026-10-31.csv`,
    );
    const { records } = await download(response);
    expect(records).toHaveLength(1 + 31);
    expect((await daily(`${period}&location=loc_old`)).status).toBe(404);
  });

  it('answers 400 naming the field for a bad or too long period, before streaming', async () => {
    for (const [query, message] of [
      ['from=2026-10-31&to=2026-10-01', 'to: must be on or after "from"'],
      ['from=2000-01-01&to=2100-12-31', 'a daily series covers at most 3700 days'],
    ] as const) {
      const response = await daily(query);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('invalid_input');
      expect(body.error.message).toContain(message);
    }
  });
});

describe('cli export daily', () => {
  it('writes the same bytes as the route: with --bom exactly, without it the BOM is the only difference', async () => {
    for (const scope of [[], ['--location', 'loc_z']]) {
      const query = scope.length > 0 ? `${period}&location=loc_z` : period;
      const route = Buffer.from(await (await daily(query)).arrayBuffer());
      const args = ['daily', '--from', OCTOBER.from, '--to', OCTOBER.to, ...scope];
      const withBom = await cli([...args, '--bom'], t.url);
      expect(withBom.code).toBe(0);
      expect(withBom.out.equals(route)).toBe(true);
      const plain = await cli(args, t.url);
      expect(plain.code).toBe(0);
      expect(plain.out.subarray(0, 3).equals(BOM)).toBe(false);
      expect(plain.out.equals(route.subarray(3))).toBe(true);
      expect(plain.out.toString('utf8')).toContain('Zahnärzte Köln');
    }
  });

  it('puts the BOM in front of export locations only when asked', async () => {
    const args = ['locations', '--from', OCTOBER.from, '--to', OCTOBER.to];
    const plain = await cli(args, t.url);
    const withBom = await cli([...args, '--bom'], t.url);
    expect(plain.out.subarray(0, 3).equals(BOM)).toBe(false);
    expect(withBom.out.equals(Buffer.concat([BOM, plain.out]))).toBe(true);
    expect(parseCsv(plain.out.toString('utf8'))[0]![0]).toBe('location_id');
  });
});

describe('GET /api/reports/sync-health.csv', () => {
  it('answers 401 to a signed-out caller', async () => {
    state.user = null;
    const response = await health();
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'unauthenticated',
    );
  });

  it('has one row per active location and entity, with the fix for what GHL refused', async () => {
    const response = await health();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /filename="agency-pulse-sync-health_\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const { records } = await download(response);
    expect(records[0]).toEqual(SYNC_HEALTH_CSV_HEADERS);
    const rows = records.slice(1);
    expect(rows).toHaveLength(3 * SYNC_ENTITIES.length);
    expect(rows.map((r) => `${r[0]}:${r[6]}`)).toEqual(
      ['loc_h', 'loc_z', 'loc_t'].flatMap((id) => SYNC_ENTITIES.map((e) => `${id}:${e}`)),
    );
    const header = SYNC_HEALTH_CSV_HEADERS;
    const cell = (r: string[], name: string) => r[header.indexOf(name)];
    const refused = rows.find((r) => r[0] === 'loc_h' && r[6] === 'transactions')!;
    expect(cell(refused, 'location_name')).toBe(`'=HYPERLINK("x")`);
    expect(cell(refused, 'status')).toBe('scope_missing');
    expect(cell(refused, 'fix')).not.toBe('');
    const fine = rows.find((r) => r[0] === 'loc_z' && r[6] === 'contacts')!;
    expect(cell(fine, 'status')).toBe('ok');
    expect(cell(fine, 'fix')).toBe('');
    expect(cell(fine, 'requests_24h')).toBe('0');
  });

  it("gives staff only their locations' rows", async () => {
    state.user = staff;
    const { records } = await download(await health());
    expect(new Set(records.slice(1).map((r) => r[0]))).toEqual(new Set(['loc_t']));
    state.user = { ...staff, locationIds: [] };
    expect((await download(await health())).records).toHaveLength(1);
  });
});

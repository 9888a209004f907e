import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subtractDecimals } from '@/lib/metrics/decimal';
import { formatMoney } from '@/lib/metrics/format-money';
import { formatCsvCell, formatCsvLine } from '@/lib/reports/csv';
import {
  DAILY_SERIES_CSV_HEADERS,
  dailySeriesCsvLines,
} from '@/lib/reports/export/daily-series-csv';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { seedLocation, type SeedLocationInput } from '@/tests/metrics/seed';

/**
 * The daily-series CSV against an independent computation: the rollup rows are written here as
 * plain values, and the expected file is built from those values with a loop per location and day
 * (formatMoney, the CSV writer's cells), not from what the database returns. The rows hold what
 * the export's encoding must survive: currencies with `;` `,` `\` `"` and a formula after `;`,
 * several currencies on one day, a day with payments and no counts row, a '' row with payments
 * (not a currency: ignored) and a currency row without payments (no row), 0 / 2 / 3 / 4 decimals,
 * a negative net, unavailable entities, locations without rollups between others, rows outside
 * the period, an archived location, and names with quotes, a line break, a formula and a tie.
 */

type Availability = { contacts: boolean; opportunities: boolean; transactions: boolean };
type Location = SeedLocationInput & { name: string; is: Availability; isArchived?: boolean };
type Rollup = {
  locationId: string;
  day: string;
  currency: string;
  newContacts?: number;
  opportunitiesCreated?: number;
  opportunitiesWon?: number;
  opportunitiesLost?: number;
  wonValue?: string;
  paymentsCount?: number;
  paymentsGross?: string;
  paymentsRefunded?: string;
};

const ALL: Availability = { contacts: true, opportunities: true, transactions: true };
const LOCATIONS: Location[] = [
  { id: 'loc_a', name: 'Acme, Inc.', timezone: 'America/New_York', is: ALL },
  {
    id: 'loc_b',
    name: 'Bäckerei "Brot"\nMitte',
    timezone: 'Europe/Berlin',
    access: { contacts: 'scope_missing', transactions: 'never_synced' },
    is: { contacts: false, opportunities: true, transactions: false },
  },
  {
    id: 'loc_c',
    name: 'Clinic without rollups',
    access: { opportunities: 'forbidden' },
    is: { contacts: true, opportunities: false, transactions: true },
  },
  { id: 'loc_e', name: '=HYPERLINK("x")', timezone: 'Asia/Tokyo', is: ALL },
  { id: 'loc_t2', name: 'Twin', is: ALL },
  { id: 'loc_t1', name: 'Twin', is: ALL },
  { id: 'loc_x', name: 'Archived', archivedAt: new Date('2026-01-01'), isArchived: true, is: ALL },
];

const ROLLUPS: Rollup[] = [
  // loc_a: counts and two currencies on the first day.
  {
    locationId: 'loc_a',
    day: '2026-02-25',
    currency: '',
    newContacts: 3,
    opportunitiesCreated: 2,
    opportunitiesWon: 1,
    wonValue: '1234.5',
  },
  {
    locationId: 'loc_a',
    day: '2026-02-25',
    currency: 'USD',
    paymentsCount: 2,
    paymentsGross: '100.25',
    paymentsRefunded: '0.1234',
  },
  {
    locationId: 'loc_a',
    day: '2026-02-25',
    currency: 'EUR',
    paymentsCount: 1,
    paymentsGross: '5',
    paymentsRefunded: '7.25',
  },
  // Payments but no counts row; a '' row's payments are not a currency.
  {
    locationId: 'loc_a',
    day: '2026-02-26',
    currency: 'JPY',
    paymentsCount: 1,
    paymentsGross: '2500.5',
    paymentsRefunded: '0',
  },
  {
    locationId: 'loc_a',
    day: '2026-02-27',
    currency: '',
    opportunitiesLost: 4,
    paymentsCount: 9,
    paymentsGross: '9',
  },
  {
    locationId: 'loc_a',
    day: '2026-02-27',
    currency: 'BHD',
    paymentsCount: 3,
    paymentsGross: '1.2345',
    paymentsRefunded: '1',
  },
  { locationId: 'loc_a', day: '2026-02-28', currency: 'USD', paymentsCount: 0, paymentsGross: '0' },
  // Currencies the encoding must carry through unchanged (and the CSV writer must quote / guard).
  { locationId: 'loc_a', day: '2026-03-01', currency: 'A,B', paymentsCount: 1, paymentsGross: '1' },
  {
    locationId: 'loc_a',
    day: '2026-03-01',
    currency: 'B\\S',
    paymentsCount: 1,
    paymentsGross: '2',
  },
  { locationId: 'loc_a', day: '2026-03-01', currency: 'C"D', paymentsCount: 1, paymentsGross: '3' },
  {
    locationId: 'loc_a',
    day: '2026-03-01',
    currency: 'X;=Y\\:',
    paymentsCount: 1,
    paymentsGross: '4',
  },
  {
    locationId: 'loc_a',
    day: '2026-03-03',
    currency: '',
    newContacts: 2147483647,
    wonValue: '9999999999999999.99',
  },
  {
    locationId: 'loc_a',
    day: '2026-03-03',
    currency: 'USD',
    paymentsCount: 1,
    paymentsGross: '99999999999999.9999',
  },
  // loc_b: contacts and transactions unavailable — empty cells, its payments not written.
  {
    locationId: 'loc_b',
    day: '2026-02-26',
    currency: '',
    newContacts: 5,
    opportunitiesWon: 2,
    wonValue: '0.5',
  },
  {
    locationId: 'loc_b',
    day: '2026-02-26',
    currency: 'USD',
    paymentsCount: 1,
    paymentsGross: '10',
  },
  // loc_e: only outside the short period, and far apart in the long one.
  { locationId: 'loc_e', day: '2026-02-24', currency: '', newContacts: 1 },
  { locationId: 'loc_e', day: '2026-03-04', currency: 'USD', paymentsCount: 1, paymentsGross: '1' },
  {
    locationId: 'loc_e',
    day: '2020-01-01',
    currency: 'NZD',
    paymentsCount: 7,
    paymentsGross: '70.7',
  },
  // loc_t1 (not loc_t2) and the archived location.
  {
    locationId: 'loc_t1',
    day: '2026-03-02',
    currency: '',
    newContacts: 1,
    opportunitiesCreated: 1,
  },
  { locationId: 'loc_x', day: '2026-02-26', currency: '', newContacts: 8 },
];

const codeUnitOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The expected file, from the values above (the test database sorts in the C locale). */
function expectedCsv(from: string, to: string, ids?: readonly string[]): string {
  const start = Date.parse(`${from}T00:00:00Z`);
  const days = (Date.parse(`${to}T00:00:00Z`) - start) / 864e5 + 1;
  const locations = LOCATIONS.filter((l) => !l.isArchived && (!ids || ids.includes(l.id))).sort(
    (a, b) => codeUnitOrder(a.name, b.name) || codeUnitOrder(a.id, b.id),
  );
  let text = formatCsvLine(DAILY_SERIES_CSV_HEADERS.map((h) => formatCsvCell(h)));
  const text_ = (value: string) => formatCsvCell(value);
  const number = (value: string) => formatCsvCell(value, 'numeric');
  for (const location of locations) {
    for (let i = 0; i < days; i++) {
      const day = new Date(start + i * 864e5).toISOString().slice(0, 10);
      const own = ROLLUPS.filter((r) => r.locationId === location.id && r.day === day);
      const counts = own.find((r) => r.currency === '');
      const countCells = [
        location.is.contacts ? String(counts?.newContacts ?? 0) : '',
        ...(location.is.opportunities
          ? [
              String(counts?.opportunitiesCreated ?? 0),
              String(counts?.opportunitiesWon ?? 0),
              String(counts?.opportunitiesLost ?? 0),
              formatMoney(counts?.wonValue ?? '0', ''),
            ]
          : ['', '', '', '']),
      ].map(number);
      const head = [location.id, location.name, location.timezone ?? 'UTC', day].map(text_);
      const paid = location.is.transactions
        ? own
            .filter((r) => r.currency !== '' && (r.paymentsCount ?? 0) > 0)
            .sort((a, b) => codeUnitOrder(a.currency, b.currency))
        : [];
      for (const p of paid) {
        const gross = p.paymentsGross ?? '0';
        const refunded = p.paymentsRefunded ?? '0';
        text += formatCsvLine([
          ...head,
          text_(p.currency),
          ...countCells,
          number(String(p.paymentsCount)),
          number(formatMoney(gross, p.currency)),
          number(formatMoney(refunded, p.currency)),
          number(formatMoney(subtractDecimals(gross, refunded), p.currency)),
        ]);
      }
      if (paid.length === 0) {
        const none = location.is.transactions ? ['0', '0.00', '0.00', '0.00'] : ['', '', '', ''];
        text += formatCsvLine([...head, '', ...countCells, ...none.map(number)]);
      }
    }
  }
  return text;
}

async function exported(url: string, from: string, to: string, ids?: string[]): Promise<string> {
  let text = '';
  for await (const chunk of dailySeriesCsvLines(url, { from, to, locationIds: ids })) text += chunk;
  return text;
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  for (const { is: _is, isArchived: _isArchived, ...location } of LOCATIONS) {
    await seedLocation(t.db, location);
  }
  await t.db.dailyRollup.createMany({
    data: ROLLUPS.map(({ day, ...row }) => ({ ...row, day: new Date(`${day}T00:00:00Z`) })),
  });
});
afterAll(async () => {
  await t?.drop();
});

describe('the daily-series CSV against an independent computation', () => {
  it('writes the same bytes over a week (every location in one batch)', async () => {
    const csv = await exported(t.url, '2026-02-25', '2026-03-03');
    expect(csv).toBe(expectedCsv('2026-02-25', '2026-03-03'));
    // The computation itself covers what it should.
    expect(csv).toContain('"X;\'=Y\\:"');
    expect(csv).toContain(',EUR,3,2,1,0,1234.50,1,5.00,7.25,-2.25\r\n');
    expect(csv).toContain(',BHD,0,0,0,4,0.00,3,1.2345,1.000,0.2345\r\n');
    expect(csv.split('\r\n').filter((line) => line.startsWith('loc_c,'))).toHaveLength(7);
  });

  it('writes the same bytes over 2,400 days (two locations per cursor batch, gaps between)', async () => {
    const csv = await exported(t.url, '2019-12-01', '2026-07-17');
    expect(csv).toBe(expectedCsv('2019-12-01', '2026-07-17'));
    expect(csv).toContain(',2020-01-01,NZD,0,0,0,0,0.00,7,70.70,0.00,70.70\r\n');
  });

  it('writes the same bytes for chosen locations, one without rollups', async () => {
    const ids = ['loc_t2', 'loc_c', 'loc_x', 'loc_b'];
    expect(await exported(t.url, '2026-02-20', '2026-03-05', ids)).toBe(
      expectedCsv('2026-02-20', '2026-03-05', ids),
    );
    expect(await exported(t.url, '2026-02-20', '2026-03-05', ['loc_x'])).toBe(
      expectedCsv('2026-02-20', '2026-03-05', []),
    );
  });
});

import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { LOCATIONS_CSV_HEADERS } from '@/lib/metrics/locations-report-columns';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { run } from '@/scripts/commands/export';
import type { CliIo } from '@/scripts/lib/cli-io';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import {
  seedContacts,
  seedLocation,
  seedOpportunities,
  seedTransactions,
} from '@/tests/metrics/seed';

let t: TestDatabase;

function capture(): { io: CliIo; stdout: () => string; stderr: () => string } {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  out.on('data', (c: Buffer) => chunks.out.push(c));
  err.on('data', (c: Buffer) => chunks.err.push(c));
  return {
    io: { stdout: out, stderr: err, stdin: new PassThrough(), isTTY: false },
    stdout: () => Buffer.concat(chunks.out).toString('utf8'),
    stderr: () => Buffer.concat(chunks.err).toString('utf8'),
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedLocation(t.db, {
    id: 'loc_b',
    name: 'Beta, "Best" Clinic',
    timezone: 'Asia/Kolkata',
    lastSyncedAt: new Date('2024-07-01T06:00:00Z'),
  });
  await seedLocation(t.db, {
    id: 'loc_a',
    name: '=Alpha',
    timezone: 'America/St_Johns',
    lastSyncedAt: null,
    access: { transactions: 'scope_missing' },
  });
  await seedContacts(t.db, 'loc_b', [
    '2024-05-31T18:29:59.999Z',
    '2024-05-31T18:30:00Z',
    '2024-06-30T18:30:00Z',
  ]);
  await seedOpportunities(t.db, 'loc_b', [
    {
      createdAt: '2024-06-02T00:00:00Z',
      status: 'won',
      monetaryValue: '250',
      lastStatusChangeAt: '2024-06-03T00:00:00Z',
    },
    {
      createdAt: '2024-06-02T00:00:00Z',
      status: 'lost',
      monetaryValue: '99',
      lastStatusChangeAt: '2024-06-03T00:00:00Z',
    },
    {
      createdAt: '2024-06-02T00:00:00Z',
      status: 'lost',
      monetaryValue: '1',
      lastStatusChangeAt: '2024-06-03T00:00:00Z',
    },
    { createdAt: '2024-06-02T00:00:00Z', status: 'open', monetaryValue: '1200.40' },
  ]);
  await seedTransactions(t.db, 'loc_b', [
    {
      createdAt: '2024-06-10T00:00:00Z',
      amount: '100',
      amountRefunded: '30.5',
      currency: 'USD',
      status: 'partially_refunded',
    },
    { createdAt: '2024-06-10T00:00:00Z', amount: '2500', currency: 'JPY' },
  ]);
  await seedContacts(t.db, 'loc_a', ['2024-06-01T03:30:00Z']);
  await seedTransactions(t.db, 'loc_a', [{ createdAt: '2024-06-10T00:00:00Z', amount: '5' }]);
  for (const id of ['loc_a', 'loc_b']) await recomputeDailyRollups(t.db, id, 'all');
});
afterAll(async () => {
  await t?.drop();
});
beforeEach(() => {
  process.env.DATABASE_URL = t.url;
  resetEnvCache();
});

describe('export locations', () => {
  it('writes the report as CSV on stdout', async () => {
    const { io, stdout, stderr } = capture();
    const code = await run(['locations', '--from', '2024-06-01', '--to', '2024-06-30'], io);
    expect(stderr()).toBe('');
    expect(code).toBe(0);
    expect(stdout()).toBe(
      `${LOCATIONS_CSV_HEADERS.join(',')}\r\n` +
        "loc_a,'=Alpha,America/St_Johns,,1,1,0,0,0,0.00,0.00,,,,,,0,\r\n" +
        'loc_b,"Beta, ""Best"" Clinic",Asia/Kolkata,JPY,1,2,4,1,2,250.00,1200.40,0.3333,1,2500,0,2500,0,2024-07-01T06:00:00.000Z\r\n' +
        'loc_b,"Beta, ""Best"" Clinic",Asia/Kolkata,USD,1,2,4,1,2,250.00,1200.40,0.3333,1,100.00,30.50,69.50,0,2024-07-01T06:00:00.000Z\r\n',
    );
  });

  it('restricts to --location and accepts --format csv', async () => {
    const { io, stdout } = capture();
    const code = await run(
      [
        'locations',
        '--from=2024-06-01',
        '--to=2024-06-01',
        '--format',
        'csv',
        '--location',
        'loc_a',
      ],
      io,
    );
    expect(code).toBe(0);
    expect(stdout().split('\r\n').slice(1)).toEqual([
      "loc_a,'=Alpha,America/St_Johns,,1,1,0,0,0,0.00,0.00,,,,,,0,",
      '',
    ]);
  });

  it('refuses an unknown --location for the daily series too', async () => {
    const { io, stdout, stderr } = capture();
    const args = ['daily', '--from', '2024-06-01', '--to', '2024-06-02', '--location', 'nope'];
    expect(await run(args, io)).toBe(1);
    expect(stderr()).toBe('export: no active location "nope" (npm run cli -- status lists them)\n');
    expect(stdout()).toBe('');
  });

  it('writes the daily series: a row per location and day, with --bom a BOM first', async () => {
    const { io, stdout, stderr } = capture();
    const args = ['daily', '--from', '2024-06-09', '--to', '2024-06-10', '--location', 'loc_b'];
    expect(await run([...args, '--bom'], io)).toBe(0);
    expect(stderr()).toBe('');
    expect(stdout()).toBe(
      '\uFEFFlocation_id,location_name,timezone,day,currency,new_contacts,opportunities_created,' +
        'opportunities_won,opportunities_lost,won_value,payments_count,payments_gross,' +
        'payments_refunded,payments_net\r\n' +
        'loc_b,"Beta, ""Best"" Clinic",Asia/Kolkata,2024-06-09,,0,0,0,0,0.00,0,0.00,0.00,0.00\r\n' +
        'loc_b,"Beta, ""Best"" Clinic",Asia/Kolkata,2024-06-10,JPY,0,0,0,0,0.00,1,2500,0,2500\r\n' +
        'loc_b,"Beta, ""Best"" Clinic",Asia/Kolkata,2024-06-10,USD,0,0,0,0,0.00,1,100.00,30.50,69.50\r\n',
    );
  });

  it('refuses an unknown --location with a message and exit 1, instead of a header-only CSV', async () => {
    const { io, stdout, stderr } = capture();
    const args = ['locations', '--from', '2024-06-01', '--to', '2024-06-02'];
    expect(await run([...args, '--location', 'loc_a', '--location', 'nope'], io)).toBe(1);
    expect(stderr()).toBe('export: no active location "nope" (npm run cli -- status lists them)\n');
    expect(stdout()).toBe('');
  });

  it.each([
    [[], /export: missing what to export/],
    [['contacts'], /export: unknown export "contacts"/],
    [['locations', '--from', '2024-06-01'], /export: missing --to/],
    [['locations'], /export: missing --from and --to/],
    [
      ['locations', '--from', '2024-06-31', '--to', '2024-07-01'],
      /from: not a real calendar date \(got "2024-06-31"\)/,
    ],
    [['locations', '--from', '2024-07-02', '--to', '2024-07-01'], /to: must be on or after "from"/],
    [['daily', '--from', '2024-07-02', '--to', '2024-07-01'], /to: must be on or after "from"/],
    [
      ['daily', '--from', '2000-01-01', '--to', '2100-12-31'],
      /to: a daily series covers at most 3700 days \(got 36890\)/,
    ],
    [['daily', '--from', '2024-06-01', '--to', '2024-06-02', '--bom=x'], /--bom/],
    [
      ['locations', '--from', '0000-01-01', '--to', '0000-01-02'],
      /from: expected a day from 2000-01-01 to 2100-12-31 \(got "0000-01-01"\)/,
    ],
    [
      ['locations', '--from', '2024-06-01', '--to', '2024-06-02', '--format', 'xlsx'],
      /unsupported --format "xlsx"/,
    ],
    [
      ['locations', '--from', '2024-06-01', '--to', '2024-06-02', '--since', 'x'],
      /Unknown option '--since'/,
    ],
  ])('rejects %j with a message and exit 1', async (args, message) => {
    const { io, stdout, stderr } = capture();
    expect(await run(args, io)).toBe(1);
    expect(stderr()).toMatch(message);
    expect(stderr()).toContain('usage: npm run cli -- export locations');
    expect(stdout()).toBe('');
  });

  it('says what is missing when DATABASE_URL is unset', async () => {
    process.env.DATABASE_URL = '';
    resetEnvCache();
    const { io, stderr } = capture();
    expect(await run(['locations', '--from', '2024-06-01', '--to', '2024-06-02'], io)).toBe(1);
    expect(stderr()).toMatch(/^DATABASE_URL is not set/);
  });

  it('prints the usage for --help', async () => {
    const { io, stdout } = capture();
    expect(await run(['locations', '--help'], io)).toBe(0);
    expect(stdout()).toMatch(/^usage: npm run cli -- export locations/);
  });
});

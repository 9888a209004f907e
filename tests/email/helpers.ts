import { PassThrough } from 'node:stream';
import type { Db } from '@/lib/db/client';
import { resetEnvCache, type MailSettings } from '@/lib/env';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { run as runExport } from '@/scripts/commands/export';
import {
  seedContacts,
  seedLocation,
  seedOpportunities,
  seedTransactions,
  type SeedLocationInput,
} from '@/tests/metrics/seed';

export const MAIL_FROM = 'Agency Pulse <reports@pulse.test>';

export function mailSettings(port: number, extra: Partial<MailSettings> = {}): MailSettings {
  return {
    host: '127.0.0.1',
    port,
    secure: false,
    from: MAIL_FROM,
    appUrl: 'http://pulse.test',
    ...extra,
  };
}

/**
 * Three locations with numbers in the week of Mon 2026-11-23 … Sun 29 and the week before:
 * London (GBP payments), New York (USD and EUR payments, two currency rows), and Blind (payments
 * unreadable: its money must show "—", never 0).
 */
export async function seedAgency(db: Db, over: Partial<Record<string, SeedLocationInput>> = {}) {
  const locations: SeedLocationInput[] = [
    { id: 'loc_lon', name: 'London Dental', timezone: 'Europe/London', ...over.loc_lon },
    { id: 'loc_nyc', name: 'NYC <Smile> & Co', timezone: 'America/New_York', ...over.loc_nyc },
    {
      id: 'loc_blind',
      name: 'Blind Clinic',
      timezone: 'UTC',
      access: { transactions: 'scope_missing' },
      ...over.loc_blind,
    },
  ];
  for (const location of locations) await seedLocation(db, location);
  await seedContacts(db, 'loc_lon', [
    '2026-11-24T10:00:00Z',
    '2026-11-25T10:00:00Z',
    '2026-11-26T10:00:00Z',
    '2026-11-17T10:00:00Z',
  ]);
  await seedContacts(db, 'loc_nyc', ['2026-11-24T15:00:00Z', '2026-11-18T15:00:00Z']);
  await seedContacts(db, 'loc_blind', ['2026-11-27T12:00:00Z']);
  await seedOpportunities(db, 'loc_lon', [
    {
      createdAt: '2026-11-24T09:00:00Z',
      status: 'won',
      monetaryValue: '1200.50',
      lastStatusChangeAt: '2026-11-25T09:00:00Z',
    },
    {
      createdAt: '2026-11-24T09:00:00Z',
      status: 'lost',
      lastStatusChangeAt: '2026-11-26T09:00:00Z',
    },
  ]);
  await seedTransactions(db, 'loc_lon', [
    { createdAt: '2026-11-25T12:00:00Z', amount: '99.90', currency: 'GBP' },
    { createdAt: '2026-11-18T12:00:00Z', amount: '50', currency: 'GBP' },
  ]);
  await seedTransactions(db, 'loc_nyc', [
    { createdAt: '2026-11-26T18:00:00Z', amount: '1000', currency: 'USD', amountRefunded: '100' },
    { createdAt: '2026-11-27T18:00:00Z', amount: '20', currency: 'EUR' },
  ]);
  for (const location of locations) await recomputeDailyRollups(db, location.id, 'all');
}

/** `npm run cli -- export locations` in-process, its stdout as bytes. */
export async function cliExport(
  databaseUrl: string,
  from: string,
  to: string,
  locationIds: string[] = [],
): Promise<Buffer> {
  const before = process.env.DATABASE_URL;
  process.env.DATABASE_URL = databaseUrl;
  resetEnvCache();
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  try {
    const code = await runExport(
      ['locations', '--from', from, '--to', to, ...locationIds.flatMap((id) => ['--location', id])],
      { stdout: out, stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false },
    );
    if (code !== 0) throw new Error(`export exited ${code}`);
  } finally {
    process.env.DATABASE_URL = before;
    resetEnvCache();
  }
  return Buffer.concat(chunks);
}

/** A CSV's records as objects by header (the export's quoting: "…" with "" inside). */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  const [header = [], ...rows] = records;
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
}

import type { Db } from '@/lib/db/client';
import {
  seedContacts,
  seedLocation,
  seedOpportunities,
  seedTransactions,
} from '@/tests/metrics/seed';

/**
 * Large seeds shared by the scale tests (tests/metrics, lib/sync/rollups) and the benchmark that
 * times them (bench/metrics.ts), so the figures printed there are for the data checked here.
 */

/**
 * An agency of `locations` locations, written in a few INSERT … SELECT statements: every entity
 * readable, `days` days of rollups from 2024-01-01 ('' rows: 3 new contacts, 2 created, 1 won,
 * 1 lost, 99.5 won; USD payments every other day, EUR too for every tenth location), 50
 * opportunities (open / won / lost in turn) and 5 active subscriptions each. Then ANALYZE.
 */
export async function seedScaleAgency(db: Db, locations: number, days: number): Promise<void> {
  await db.$executeRaw`
    INSERT INTO locations (id, company_id, name, timezone, last_synced_at)
    SELECT 'loc_' || g, 'comp', 'Location ' || lpad(g::text, 5, '0'),
           (ARRAY['UTC', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Auckland'])[1 + g % 4], now()
    FROM generate_series(1, ${locations}) g`;
  await db.$executeRaw`
    INSERT INTO location_access (location_id, entity, status, seen_at)
    SELECT l.id, e, 'ok', now() FROM locations l,
      unnest(ARRAY['contacts', 'opportunities', 'transactions', 'subscriptions']) e`;
  await db.$executeRaw`
    INSERT INTO sync_checkpoints (location_id, entity, last_success_at)
    SELECT location_id, entity, now() FROM location_access`;
  await db.$executeRaw`
    INSERT INTO daily_rollups (location_id, day, currency, new_contacts, opportunities_created,
      opportunities_won, opportunities_lost, won_value)
    SELECT l.id, d::date, '', 3, 2, 1, 1, 99.5
    FROM locations l, generate_series(date '2024-01-01', date '2024-01-01' + ${days - 1}::int, interval '1 day') d`;
  await db.$executeRaw`
    INSERT INTO daily_rollups (location_id, day, currency, payments_count, payments_gross, payments_refunded)
    SELECT l.id, d::date, c, 2, 100.25, 1.5
    FROM locations l, generate_series(date '2024-01-01', date '2024-01-01' + ${days - 1}::int, interval '2 day') d,
         unnest(ARRAY['USD', 'EUR']) c
    WHERE c = 'USD' OR substr(l.id, 5)::int % 10 = 0`;
  await db.$executeRaw`
    INSERT INTO opportunities (location_id, id, pipeline_id, status, monetary_value, created_at, seen_at)
    SELECT l.id, 'o' || g, 'p', (ARRAY['open', 'won', 'lost'])[1 + g % 3], g, now(), now()
    FROM locations l, generate_series(1, 50) g`;
  await db.$executeRaw`
    INSERT INTO subscriptions (location_id, id, status, live_mode, amount, currency, created_at, seen_at)
    SELECT l.id, 's' || g, 'active', true, 10, 'USD', now(), now()
    FROM locations l, generate_series(1, 5) g`;
  await db.$executeRaw`ANALYZE`;
}

/** The instants of the `bigLocation` facts: spread over 400 days, at varying hours. */
export function bigLocationInstant(i: number): Date {
  const start = Date.parse('2023-01-01T00:00:00Z');
  return new Date(start + ((i * 7919) % 400) * 86_400_000 + (i % 24) * 3_600_000);
}

/**
 * One location in Pacific/Auckland with ~3,000 facts over ~400 local days (1,200 contacts, 800
 * opportunities, 1,000 transactions in USD and NZD). Returns what the sync would pass as touched
 * after a first sync: every fact's instants.
 */
export async function seedBigLocation(db: Db, id: string): Promise<Date[]> {
  const instant = bigLocationInstant;
  await seedLocation(db, { id, timezone: 'Pacific/Auckland' });
  await seedContacts(
    db,
    id,
    Array.from({ length: 1200 }, (_, i) => instant(i)),
  );
  await seedOpportunities(
    db,
    id,
    Array.from({ length: 800 }, (_, i) => ({
      createdAt: instant(i + 5),
      status: (['open', 'won', 'lost'] as const)[i % 3],
      monetaryValue: `${i}.50`,
      lastStatusChangeAt: instant(i + 9),
    })),
  );
  await seedTransactions(
    db,
    id,
    Array.from({ length: 1000 }, (_, i) => ({
      createdAt: instant(i + 13),
      amount: `${i}.25`,
      currency: i % 4 === 0 ? 'NZD' : 'USD',
    })),
  );
  const touched = Array.from({ length: 3000 }, (_, i) => instant(i));
  for (let i = 0; i < 1000; i++) touched.push(instant(i + 5), instant(i + 9), instant(i + 13));
  await db.$executeRaw`ANALYZE contacts, opportunities, transactions, daily_rollups`;
  return touched;
}

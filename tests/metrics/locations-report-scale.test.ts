import { expect, it } from 'vitest';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import { useTestDatabase } from '@/tests/db';

const t = useTestDatabase();

const LOCATIONS = 5000;
const DAYS = 30;

/**
 * The report is one statement for the whole agency, however many locations: 5,000 here, with
 * 30 days of rollups each (~230 k rows), 50 opportunities and 5 subscriptions. Measured on a
 * shared 2-core box: ~0.15 s here; with a full year (2.8 M rollup rows) ~0.5–1 s. The bound is
 * loose on purpose (other test files run at the same time).
 */
it('reports 5,000 locations in one statement, quickly', async () => {
  const db = t.db;
  await db.$executeRaw`
    INSERT INTO locations (id, company_id, name, timezone, last_synced_at)
    SELECT 'loc_' || g, 'comp', 'Location ' || lpad(g::text, 5, '0'),
           (ARRAY['UTC', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Auckland'])[1 + g % 4], now()
    FROM generate_series(1, ${LOCATIONS}) g`;
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
    FROM locations l, generate_series(date '2024-01-01', date '2024-01-01' + ${DAYS - 1}::int, interval '1 day') d`;
  await db.$executeRaw`
    INSERT INTO daily_rollups (location_id, day, currency, payments_count, payments_gross, payments_refunded)
    SELECT l.id, d::date, c, 2, 100.25, 1.5
    FROM locations l, generate_series(date '2024-01-01', date '2024-01-01' + ${DAYS - 1}::int, interval '2 day') d,
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

  await getLocationsReport(db, { from: '2024-01-11', to: '2024-01-20' }); // warm-up
  const began = performance.now();
  const result = await getLocationsReport(db, { from: '2024-01-11', to: '2024-01-20' });
  const elapsed = performance.now() - began;
  console.info(
    `locations report, ${LOCATIONS} locations: ${elapsed.toFixed(0)} ms, ${result.rows.length} rows`,
  );

  expect(result.rows).toHaveLength(LOCATIONS + LOCATIONS / 10);
  expect(result.rows[0]).toMatchObject({
    locationId: 'loc_1',
    currency: 'USD',
    newContacts: 30,
    totalContacts: 60,
    opportunitiesCreated: 20,
    wonValue: '995.00',
    winRate: '0.5000',
    paymentsCount: 10,
    paymentsGross: '501.25',
    paymentsRefunded: '7.50',
    paymentsNet: '493.75',
    activeSubscriptions: 5,
  });
  expect(elapsed).toBeLessThan(3000);
});

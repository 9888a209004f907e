import { expect, it } from 'vitest';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import { useTestDatabase } from '@/tests/db';
import { seedScaleAgency } from '@/tests/metrics/seed-scale';

const t = useTestDatabase();

const LOCATIONS = 5000;
const DAYS = 30;

type PlanNode = { 'Relation Name'?: string; Plans?: PlanNode[] };
const relations = (node: PlanNode): string[] => [
  ...(node['Relation Name'] ? [node['Relation Name']] : []),
  ...(node.Plans ?? []).flatMap(relations),
];

/**
 * The report is one statement for the whole agency, however many locations: 5,000 here, with
 * 30 days of rollups each (~230 k rows), 50 opportunities and 5 subscriptions. What keeps it fast
 * is asserted without a clock: a single statement, which reads daily_rollups once (one scan for
 * every location and both the period and `total_contacts`). How fast it is on a given machine:
 * `npx tsx bench/metrics.ts`.
 */
it('reports 5,000 locations in one statement with a single scan of the rollups', async () => {
  const db = t.db;
  await seedScaleAgency(db, LOCATIONS, DAYS);

  const statements: Prisma.Sql[] = [];
  const counting = new Proxy(db, {
    get(target, property, receiver) {
      if (property !== '$queryRaw') return Reflect.get(target, property, receiver);
      return (sql: Prisma.Sql) => {
        statements.push(sql);
        return target.$queryRaw(sql);
      };
    },
  }) as Db;
  const params = { from: '2024-01-11', to: '2024-01-20' };
  const result = await getLocationsReport(counting, params);

  // Besides the report cache's two reads of the data version (lib/metrics/report-cache.ts:
  // before, and in the report's snapshot), one statement.
  const reports = statements.filter((sql) => !sql.text.includes('FROM report_data_versions v'));
  expect(statements).toHaveLength(3);
  expect(reports).toHaveLength(1);
  const [explained] = await db.$queryRaw<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(
    Prisma.sql`EXPLAIN (FORMAT JSON) ${reports[0]!}`,
  );
  const scanned = relations(explained!['QUERY PLAN'][0].Plan);
  expect(scanned.filter((name) => name === 'daily_rollups')).toHaveLength(1);
  expect(scanned.filter((name) => name === 'locations')).toHaveLength(1);

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
});

import 'server-only';
import { Prisma } from '@/lib/db/generated/client';
import { locationIdFilter } from '@/lib/db/sql';

/** The entities whose access decides which metrics a location can show. */
export type ReportEntity = 'contacts' | 'opportunities' | 'transactions' | 'subscriptions';

/** Only these entities' rows are read (a location has others: pipelines, orders). */
const REPORT_ENTITIES: readonly ReportEntity[] = [
  'contacts',
  'opportunities',
  'transactions',
  'subscriptions',
];

/**
 * The one SQL statement of "available" (docs/metrics.md, "Unavailable is not zero"): one row per
 * location with a boolean column per entity, true only when its `location_access.status` is `ok`
 * and it has completed at least one sync. Locations with no such entity have no row, so callers
 * LEFT JOIN it and read a missing row as "nothing available". Shared by every metric query.
 */
export function entityAvailabilitySql(locationIds?: readonly string[]): Prisma.Sql {
  const ok = (entity: ReportEntity) => Prisma.sql`coalesce(bool_or(a.entity = ${entity}), false)`;
  return Prisma.sql`
      SELECT a.location_id, ${ok('contacts')} AS contacts, ${ok('opportunities')} AS opportunities,
             ${ok('transactions')} AS transactions, ${ok('subscriptions')} AS subscriptions
      FROM location_access a
      JOIN sync_checkpoints s ON s.location_id = a.location_id AND s.entity = a.entity
      WHERE a.status = 'ok' AND s.last_success_at IS NOT NULL
        AND a.entity = ANY(${[...REPORT_ENTITIES]}::text[])
        AND ${locationIdFilter(Prisma.sql`a.location_id`, locationIds)}
      GROUP BY a.location_id`;
}

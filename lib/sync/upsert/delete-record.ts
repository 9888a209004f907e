import 'server-only';
import { instantsOf, type Deleted, type Sql } from './sql';
import type { RecordEntity } from '@/lib/ghl/client';

/**
 * Deletes one cached record by id (a webhook said it was deleted, or GHL answers 404 for it) and
 * returns the rollup-relevant instants it held, so its days are recomputed. A missing row is a
 * no-op (`count` 0): deleting twice is harmless.
 */
export async function deleteRecord(
  sql: Sql,
  entity: RecordEntity,
  locationId: string,
  id: string,
): Promise<Deleted> {
  let rows: Array<{ old_a: Date | null; old_b?: Date | null }>;
  switch (entity) {
    case 'contacts':
      rows = await sql.$queryRaw`
        DELETE FROM contacts WHERE location_id = ${locationId} AND id = ${id} RETURNING date_added AS old_a`;
      break;
    case 'opportunities':
      rows = await sql.$queryRaw`
        DELETE FROM opportunities WHERE location_id = ${locationId} AND id = ${id}
        RETURNING created_at AS old_a, last_status_change_at AS old_b`;
      break;
    case 'transactions':
      rows = await sql.$queryRaw`
        DELETE FROM transactions WHERE location_id = ${locationId} AND id = ${id} RETURNING created_at AS old_a`;
      break;
    case 'orders':
      rows = await sql.$queryRaw`
        DELETE FROM orders WHERE location_id = ${locationId} AND id = ${id} RETURNING NULL::timestamptz AS old_a`;
      break;
    case 'subscriptions':
      rows = await sql.$queryRaw`
        DELETE FROM subscriptions WHERE location_id = ${locationId} AND id = ${id} RETURNING NULL::timestamptz AS old_a`;
      break;
  }
  return { count: rows.length, instants: instantsOf(rows) };
}

import 'server-only';
import type { Db } from '@/lib/db/client';

/**
 * Stores a location's own currency (`locations.currency`), the one its opportunity values are in.
 * GHL's location object carries no currency (neither `/locations/search` nor `GET /locations/{id}`
 * in the v2 spec), and opportunities carry none either; so it is derived from the location's
 * payments: the currency most of its live counted payments are in (ties: A–Z), read from the
 * daily rollups the sync has just written. A location that has never been paid keeps what it had
 * (null at first: its opportunity values are then shown with 2 decimals and no code).
 * The migration that added the column backfilled it with the same statement.
 */
export async function refreshLocationCurrency(db: Db, locationId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE locations l SET currency = coalesce((
      SELECT r.currency FROM daily_rollups r
      WHERE r.location_id = l.id AND r.currency <> ''
      GROUP BY r.currency
      HAVING sum(r.payments_count) > 0
      ORDER BY sum(r.payments_count) DESC, r.currency
      LIMIT 1
    ), l.currency)
    WHERE l.id = ${locationId}`;
}

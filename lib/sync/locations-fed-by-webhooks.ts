import 'server-only';
import type { Db } from '@/lib/db/client';

/** A location whose webhooks flow is polled on every this-many-th scheduled incremental tick. */
export const WEBHOOK_FED_POLL_FACTOR = 4;

/**
 * The locations a scheduled incremental tick may skip because their webhooks are flowing: a
 * webhook arrived from them within the last two intervals, and their last complete sync is younger
 * than WEBHOOK_FED_POLL_FACTOR intervals. Polling stays the safety net (webhooks can be lost):
 * such a location is still polled, just every hour instead of every 15 minutes by default.
 */
export async function locationsFedByWebhooks(
  db: Db,
  locationIds: readonly string[],
  now: Date,
  intervalMinutes: number,
): Promise<Set<string>> {
  if (locationIds.length === 0) return new Set();
  const intervalMs = intervalMinutes * 60_000;
  const flowingSince = new Date(now.getTime() - 2 * intervalMs);
  // A little under the factor, so a location synced at tick n is due at tick n + factor.
  const syncedSince = new Date(now.getTime() - (WEBHOOK_FED_POLL_FACTOR - 0.5) * intervalMs);
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT l.id FROM locations l
    WHERE l.id = ANY(${[...locationIds]}::text[]) AND l.last_synced_at >= ${syncedSince}
      AND EXISTS (SELECT 1 FROM webhook_events w
                  WHERE w.location_id = l.id AND w.received_at >= ${flowingSince})`;
  return new Set(rows.map((r) => r.id));
}

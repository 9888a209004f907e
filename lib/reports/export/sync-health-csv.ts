import 'server-only';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { activeLocation, locationIdFilter } from '@/lib/db/sql';
import { getSyncHealth, type LocationHealth } from '@/lib/metrics/get-sync-health';
import { formatCsvCell, formatCsvLine, type CsvColumn } from '@/lib/reports/csv';

export type SyncHealthCsvParams = {
  /** The locations the user may see; undefined = every location (admins). */
  locationIds?: readonly string[];
  /** The clock (tests pin it); defaults to now. */
  now?: Date;
  /** Defaults to SYNC_INCREMENTAL_EVERY_MINUTES (as on the page). */
  incrementalEveryMinutes?: number;
};

type Row = { location: LocationHealth; entity: LocationHealth['entities'][number] };

/** The sync-health export's columns, in order (docs/metrics.md, "The sync-health CSV"). */
const COLUMNS: readonly CsvColumn<Row>[] = [
  { header: 'location_id', value: (r) => r.location.locationId },
  { header: 'location_name', value: (r) => r.location.name },
  { header: 'freshness', value: (r) => r.location.freshness },
  { header: 'last_synced_at', value: (r) => r.location.lastSyncedAt },
  { header: 'last_full_sync_at', value: (r) => r.location.lastFullSyncAt },
  { header: 'token', value: (r) => r.location.tokenKind },
  { header: 'entity', value: (r) => r.entity.entity },
  { header: 'status', value: (r) => r.entity.status },
  { header: 'last_success_at', value: (r) => r.entity.lastSuccessAt },
  { header: 'unfinished', value: (r) => (r.entity.isUnfinished ? 'yes' : 'no') },
  { header: 'ghl_message', value: (r) => r.entity.message },
  { header: 'trace_id', value: (r) => r.entity.traceId },
  { header: 'fix', value: (r) => r.entity.fix },
  { header: 'requests_24h', kind: 'numeric', value: (r) => r.location.apiUsage.requests },
  { header: 'rate_limited_24h', kind: 'numeric', value: (r) => r.location.apiUsage.rateLimited },
  {
    header: 'min_remaining_24h',
    kind: 'numeric',
    value: (r) => r.location.apiUsage.minRemaining,
  },
  {
    header: 'min_daily_remaining_24h',
    kind: 'numeric',
    value: (r) => r.location.apiUsage.minDailyRemaining,
  },
];

export const SYNC_HEALTH_CSV_HEADERS = COLUMNS.map((column) => column.header);

type Key = { id: string; name: string };

/**
 * Sync health as CSV (one row per location × entity; header first, CRLF, the one CSV writer),
 * from the same `getSyncHealth` as `/health` and `cli status`: freshness, token in use (never a
 * token), each entity's status with GHL's words and the fix, and the last 24 hours of requests.
 * Active locations in keyset batches by (name, id), so memory stays flat for any agency; ordered
 * by location name, id, then the sync's entity order; `batchSize` locations per getSyncHealth call.
 * Does not check who asks: pass the user's locations (allowedLocationIds).
 */
export async function* syncHealthCsvLines(
  db: Db,
  params: SyncHealthCsvParams,
  batchSize = 500,
): AsyncGenerator<string> {
  yield formatCsvLine(COLUMNS.map((column) => formatCsvCell(column.header)));
  const now = params.now ?? new Date();
  let after: Key | null = null;
  for (;;) {
    const batch: Key[] = await db.$queryRaw<Key[]>(Prisma.sql`
      SELECT l.id, l.name FROM locations l
      WHERE ${activeLocation(Prisma.sql`l`)} AND ${locationIdFilter(Prisma.sql`l.id`, params.locationIds)}
        AND ${after ? Prisma.sql`(l.name, l.id) > (${after.name}, ${after.id})` : Prisma.sql`TRUE`}
      ORDER BY l.name, l.id
      LIMIT ${batchSize}`);
    if (batch.length === 0) return;
    const health = await getSyncHealth(db, {
      locationIds: batch.map((l) => l.id),
      now,
      incrementalEveryMinutes: params.incrementalEveryMinutes,
    });
    const byId = new Map(health.locations.map((l) => [l.locationId, l]));
    let text = '';
    for (const { id } of batch) {
      const location = byId.get(id);
      // Archived between the two statements: left out, like the page would.
      if (!location) continue;
      for (const entity of location.entities) {
        const row = { location, entity };
        text += formatCsvLine(
          COLUMNS.map((column) => formatCsvCell(column.value(row), column.kind)),
        );
      }
    }
    if (text) yield text;
    if (batch.length < batchSize) return;
    after = batch.at(-1) ?? null;
  }
}

/** The download's name: `agency-pulse-sync-health_<UTC date of the figures>.csv`. */
export function syncHealthCsvFileName(now: Date): string {
  return `agency-pulse-sync-health_${now.toISOString().slice(0, 10)}.csv`;
}

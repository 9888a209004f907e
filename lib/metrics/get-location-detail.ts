import 'server-only';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { activeLocation } from '@/lib/db/sql';
import { redactSecrets } from '@/lib/redact';
import { entityAvailabilitySql, type ReportEntity } from '@/lib/metrics/entity-availability-sql';

export type LocationDetailParams = { locationId: string };

/** Why one entity of the location can or cannot be read (never any token material). */
export type EntityAccess = {
  entity: ReportEntity;
  /** Same rule as every metric, from the same SQL (entity-availability-sql.ts). */
  isAvailable: boolean;
  /** location_access.status (ok | scope_missing | forbidden | token_revoked | budget_exhausted | error), or 'unknown' when never tried. */
  status: string;
  /** GHL's words when it refused, as the sync stored them; null when none. */
  message: string | null;
  /** When the entity last finished a sync; null if never. */
  lastSuccessAt: string | null;
};

export type LocationDetailResult = {
  locationId: string;
  name: string;
  timezone: string;
  /** When every entity last finished syncing (the report's data_as_of); null if never. */
  dataAsOf: string | null;
  entities: EntityAccess[];
} | null;

const ENTITIES: readonly ReportEntity[] = [
  'contacts',
  'opportunities',
  'transactions',
  'subscriptions',
];

type SqlRow = Record<ReportEntity, boolean> & {
  id: string;
  name: string;
  timezone: string;
  last_synced_at: Date | null;
  entity: string | null;
  status: string | null;
  message: string | null;
  last_success_at: Date | null;
};

/**
 * One location's header for its drill-down page: name, time zone, data as of, and per report
 * entity whether it is available and, when not, the stored status and message. Null when the
 * location does not exist or is archived (the page answers 404). Does not check who asks: callers
 * check canViewLocation first.
 */
export async function getLocationDetail(
  db: Db,
  params: LocationDetailParams,
): Promise<LocationDetailResult> {
  // Availability comes from the one SQL rule every metric uses; the access rows only say why.
  const rows = await db.$queryRaw<SqlRow[]>(Prisma.sql`
    WITH avail AS (${entityAvailabilitySql([params.locationId])})
    SELECT l.id, l.name, l.timezone, l.last_synced_at, a.entity, a.status, a.message, s.last_success_at,
      coalesce(av.contacts, false) AS contacts, coalesce(av.opportunities, false) AS opportunities,
      coalesce(av.transactions, false) AS transactions,
      coalesce(av.subscriptions, false) AS subscriptions
    FROM locations l
    LEFT JOIN avail av ON av.location_id = l.id
    LEFT JOIN location_access a ON a.location_id = l.id AND a.entity = ANY(${[...ENTITIES]}::text[])
    LEFT JOIN sync_checkpoints s ON s.location_id = a.location_id AND s.entity = a.entity
    WHERE l.id = ${params.locationId} AND ${activeLocation(Prisma.sql`l`)}`);
  const first = rows[0];
  if (!first) return null;
  const byEntity = new Map(
    rows.filter((row) => row.entity !== null).map((row) => [row.entity, row]),
  );
  return {
    locationId: first.id,
    name: first.name,
    timezone: first.timezone,
    dataAsOf: first.last_synced_at ? first.last_synced_at.toISOString() : null,
    entities: ENTITIES.map((entity) => {
      const row = byEntity.get(entity);
      const lastSuccessAt = row?.last_success_at ?? null;
      return {
        entity,
        isAvailable: first[entity],
        status: row?.status ?? 'unknown',
        // Redacted again when shown (rows from before partial-token redaction).
        message: row?.message ? redactSecrets(row.message) : null,
        lastSuccessAt: lastSuccessAt ? lastSuccessAt.toISOString() : null,
      };
    }),
  };
}

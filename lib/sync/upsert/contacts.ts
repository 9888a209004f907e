import 'server-only';
import type { ContactRow } from '../transform';
import { Prisma } from '@/lib/db/generated/client';
import {
  COUNT_ONLY,
  instantsOf,
  type ChangedInstants,
  type Deleted,
  type PageWrite,
  type Sql,
} from './sql';

/**
 * Upserts one page of contacts in one statement (`unnest` arrays, ON CONFLICT DO UPDATE, plus the
 * page's checkpoint CTE) and returns the instants whose local day may have changed: old and new
 * `dateAdded` of every row that is new or whose `dateAdded` moved. The `old` CTE reads the
 * pre-update values in the same statement (all CTEs share one snapshot): no extra round trip.
 */
export async function upsertContacts(
  sql: Sql,
  locationId: string,
  rows: ReadonlyArray<ContactRow>,
  write: PageWrite,
): Promise<Date[]> {
  if (rows.length === 0) return [];
  const changed = await sql.$queryRaw<ChangedInstants[]>`
    WITH input AS (
      SELECT * FROM unnest(
        ${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.dateAdded)}::timestamptz[],
        ${rows.map((r) => r.dateUpdated)}::timestamptz[], ${rows.map((r) => r.source)}::text[],
        ${rows.map((r) => r.type)}::text[]
      ) AS u(id, date_added, date_updated, source, type)
    ), old AS (
      SELECT c.id, c.date_added FROM contacts c
      WHERE c.location_id = ${locationId} AND c.id IN (SELECT id FROM input)
    ), up AS (
      INSERT INTO contacts AS c (location_id, id, date_added, date_updated, source, type, seen_at)
      SELECT ${locationId}, id, date_added, date_updated, source, type, ${write.seenAt} FROM input
      ON CONFLICT (location_id, id) DO UPDATE SET
        date_added = EXCLUDED.date_added, date_updated = EXCLUDED.date_updated,
        source = EXCLUDED.source, type = EXCLUDED.type, seen_at = EXCLUDED.seen_at
      WHERE ${write.rewriteUnchanged}
        OR (c.date_added, c.date_updated, c.source, c.type)
           IS DISTINCT FROM (EXCLUDED.date_added, EXCLUDED.date_updated, EXCLUDED.source, EXCLUDED.type)
      RETURNING id, date_added
    )${write.also}
    ${
      write.wantInstants
        ? Prisma.sql`
    SELECT old.date_added AS old_a, up.date_added AS new_a
      FROM up LEFT JOIN old ON old.id = up.id
      WHERE old.id IS NULL OR old.date_added IS DISTINCT FROM up.date_added`
        : COUNT_ONLY
    }`;
  return write.wantInstants ? instantsOf(changed) : [];
}

/** Deletes contacts a complete read did not see (seenAt before the run started); returns their instants. */
export async function deleteUnseenContacts(
  sql: Sql,
  locationId: string,
  runStartedAt: Date,
): Promise<Deleted> {
  const rows = await sql.$queryRaw<Array<{ old_a: Date }>>`
    DELETE FROM contacts WHERE location_id = ${locationId} AND seen_at < ${runStartedAt}
    RETURNING date_added AS old_a`;
  return { count: rows.length, instants: instantsOf(rows) };
}

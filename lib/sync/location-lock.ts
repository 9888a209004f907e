import 'server-only';
import pg from 'pg';
import type { Sql } from './upsert/sql';

/**
 * One sync per location at a time, across processes: a session-level PostgreSQL advisory lock
 * (namespace 'SYNC', key hashtext(locationId)) held on a dedicated connection for the whole
 * location sync. It is released on `release()` or, if the process dies, when its connection
 * drops, so a killed worker never leaves a location locked. pg-boss's `stately` queue already keeps
 * two jobs of one location from running at once; this also covers the CLI and expired jobs.
 */
const LOCK_CLASS = 0x53594e43;

export type LocationLock = { release(): Promise<void> };

/** Raised when another process holds the location (the job handler retries later). */
export class LocationBusyError extends Error {
  override name = 'LocationBusyError';
  constructor(readonly locationId: string) {
    super(
      `Location ${locationId} is being synced by another worker or CLI run; skipped this time.`,
    );
  }
}

/** Takes the lock if free; null when another session holds it. */
export async function tryLockLocation(
  databaseUrl: string,
  locationId: string,
): Promise<LocationLock | null> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'agency-pulse sync lock',
  });
  // A dropped connection would otherwise surface as an unhandled 'error' event.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>(
      'SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok',
      [LOCK_CLASS, locationId],
    );
    if (rows[0]?.ok) {
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          await client
            .query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, locationId])
            .catch(() => undefined);
          await client.end().catch(() => undefined);
        },
      };
    }
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  await client.end().catch(() => undefined);
  return null;
}

/** Waits for the lock (polling every `pollMs`), calling `onWait` once when it has to wait. */
export async function lockLocation(
  databaseUrl: string,
  locationId: string,
  options: { signal?: AbortSignal; pollMs?: number; onWait?: () => void } = {},
): Promise<LocationLock> {
  let hasWaited = false;
  for (;;) {
    const lock = await tryLockLocation(databaseUrl, locationId);
    if (lock) return lock;
    if (!hasWaited) options.onWait?.();
    hasWaited = true;
    if (options.signal?.aborted) throw options.signal.reason;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
  }
}

/** Which of `locationIds` are locked by a sync right now (to avoid queueing jobs that would wait). */
export async function busyLocations(
  sql: Sql,
  locationIds: ReadonlyArray<string>,
): Promise<Set<string>> {
  if (locationIds.length === 0) return new Set();
  const rows = await sql.$queryRaw<Array<{ id: string }>>`
    SELECT u.id FROM unnest(${[...locationIds]}::text[]) AS u(id)
    WHERE EXISTS (
      SELECT 1 FROM pg_locks l
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
        AND l.classid::bigint = ${LOCK_CLASS} AND l.objid::bigint = (hashtext(u.id)::bigint & 4294967295)
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    )`;
  return new Set(rows.map((r) => r.id));
}

import 'server-only';
import pg from 'pg';
import type { Sql } from './upsert/sql';

/**
 * One sync per location at a time, across processes: a session-level PostgreSQL advisory lock
 * (namespace 'SYNC', key hashtext(locationId)) held on a dedicated connection for the whole
 * location sync. It is released on `release()` or, if the process dies, when its connection
 * drops, so a killed worker never leaves a location locked. pg-boss's `stately` queue already keeps
 * two jobs of one location from running at once; this also covers the CLI and expired jobs.
 *
 * The connections are pooled per database: a pass over 5,000 locations opened (and PostgreSQL
 * forked a backend for) 5,000 connections. A connection goes back to the pool only once its lock
 * was released; one whose unlock failed is closed, which drops whatever it held.
 */
const LOCK_CLASS = 0x53594e43;

const pools = new Map<string, pg.Pool>();

function lockPool(databaseUrl: string): pg.Pool {
  let pool = pools.get(databaseUrl);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: databaseUrl,
      application_name: 'agency-pulse sync lock',
      // One per location synced at once (SYNC_CONCURRENCY); idle ones close and never keep the
      // process alive.
      max: 256,
      idleTimeoutMillis: 5_000,
      allowExitOnIdle: true,
    });
    // A dropped connection (database restarted or dropped), idle or in use, must not crash the
    // process: a lock lost that way is already released by PostgreSQL.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    pools.set(databaseUrl, pool);
  }
  return pool;
}

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
  const client = await lockPool(databaseUrl).connect();
  let isLocked: boolean;
  try {
    const { rows } = await client.query<{ ok: boolean }>(
      'SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok',
      [LOCK_CLASS, locationId],
    );
    isLocked = rows[0]?.ok === true;
  } catch (error) {
    client.release(true);
    throw error;
  }
  if (!isLocked) {
    client.release();
    return null;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      try {
        const { rows } = await client.query<{ ok: boolean }>(
          'SELECT pg_advisory_unlock($1, hashtext($2)) AS ok',
          [LOCK_CLASS, locationId],
        );
        // Back to the pool only when it holds nothing any more.
        client.release(rows[0]?.ok !== true);
      } catch {
        client.release(true);
      }
    },
  };
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

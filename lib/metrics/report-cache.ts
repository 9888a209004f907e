import 'server-only';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { locationIdFilter } from '@/lib/db/sql';
import { jitOff } from '@/lib/metrics/jit-off';

/** At most this many results per database client; the least recently used goes first. */
export const REPORT_CACHE_ENTRIES = 64;

/** What a cached report is: its name, every input it is computed from, and whose data it reads. */
export type ReportCacheRequest = {
  /** The report ('locations-report', 'daily-series'): two reports never share an entry. */
  name: string;
  /** Every input of the result (period, locations, …), JSON-serializable. */
  inputs: unknown;
  /** The locations the statements read (undefined: every location), as in the report params. */
  locationIds: readonly string[] | undefined;
};

type Entry = { value: unknown };

/** One LRU (a Map in use order) per database client: two databases never share a result. */
const caches = new WeakMap<Db, Map<string, Entry>>();

/**
 * The version of what the reports read for these locations: per location (and '*', every
 * location) the id of the last transaction that changed it (report_data_versions, kept by
 * triggers: migration 20261129150300_report_cache). Any commit that changes an input
 * changes this text. The database's and the table's oids make a recreated database or schema a
 * different version even where transaction ids start over.
 */
function versionQuery(locationIds: readonly string[] | undefined): Prisma.Sql {
  return Prisma.sql`
    SELECT (SELECT oid FROM pg_database WHERE datname = current_database())::text || '/'
      || 'report_data_versions'::regclass::oid::text || '/'
      || coalesce(md5(string_agg(v.location_id || ':' || v.version, ',' ORDER BY v.location_id)), '')
      AS version
    FROM report_data_versions v
    WHERE v.location_id = '*' OR ${locationIdFilter(Prisma.sql`v.location_id`, locationIds)}`;
}

type VersionRow = { version: string };

function cacheOf(db: Db): Map<string, Entry> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

function entryKey(request: ReportCacheRequest, version: string): string {
  return `${request.name}\u0000${JSON.stringify(request.inputs)}\u0000${version}`;
}

/**
 * A report's result, computed at most once per version of its data (docs/metrics.md, "Report
 * cache"). One statement reads the version of the report's locations; a result stored under it
 * was computed from exactly that data, so it is returned (a copy: callers may change theirs).
 * Otherwise the version and the report's statements run in one REPEATABLE READ transaction (one
 * snapshot, after `jitOff`), and the result is stored under the version that snapshot saw, never
 * under an older or newer one. Correct only while every table the statements read bumps the
 * version in its triggers (tests/sync/report-cache.test.ts).
 *
 * @param db a Prisma client (each client has its own cache)
 * @param request the report's name, inputs and locations
 * @param statements the report's statements, run in order after `jitOff`
 * @param build the result from the statements' rows
 */
export async function readThroughReportCache<const S extends Prisma.PrismaPromise<unknown>[], T>(
  db: Db,
  request: ReportCacheRequest,
  statements: () => [...S],
  build: (results: { [K in keyof S]: Awaited<S[K]> }) => T,
): Promise<T> {
  const cache = cacheOf(db);
  const [current] = await db.$queryRaw<VersionRow[]>(versionQuery(request.locationIds));
  const hit = current && cache.get(entryKey(request, current.version));
  if (hit) {
    // Most recently used last.
    const key = entryKey(request, current.version);
    cache.delete(key);
    cache.set(key, hit);
    return structuredClone(hit.value) as T;
  }
  const [versionRows, , ...results] = await db.$transaction(
    [db.$queryRaw<VersionRow[]>(versionQuery(request.locationIds)), jitOff(db), ...statements()],
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
  const value = build(results as { [K in keyof S]: Awaited<S[K]> });
  const version = (versionRows as VersionRow[])[0]?.version;
  if (version !== undefined) {
    cache.set(entryKey(request, version), { value: structuredClone(value) });
    while (cache.size > REPORT_CACHE_ENTRIES) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
  }
  return value;
}

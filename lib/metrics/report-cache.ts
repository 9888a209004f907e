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

/**
 * How a report made of per-location rows is brought up to date after commits that changed a few
 * of its locations: their rows are computed again and merged into its last result, the others
 * kept (each location's rows depend only on that location's data and '*').
 */
export type ReportRefresh<R extends Prisma.PrismaPromise<unknown>[], T> = {
  /** The statements for only these locations (the changed ones, within the request's). */
  statements: (locationIds: string[]) => [...R];
  /**
   * The last result with the changed locations' rows replaced by the statements'; null when
   * they do not fit together (then the whole report is computed).
   */
  merge: (
    previous: T,
    results: { [K in keyof R]: Awaited<R[K]> },
    changed: ReadonlySet<string>,
  ) => T | null;
};

/** At most this many changed locations are refreshed; more, and the whole report is computed. */
export const REPORT_REFRESH_MAX_LOCATIONS = 50;

type Entry = { value: unknown };
/** The last result of a report and inputs, with each location's version it was computed at. */
type Latest = { prefix: string; versions: Record<string, string>; value: unknown };

/** One LRU (a Map in use order) per database client: two databases never share a result. */
const caches = new WeakMap<Db, Map<string, Entry>>();
/** Per database client, the last result of each report and inputs (same bound, same order). */
const latests = new WeakMap<Db, Map<string, Latest>>();

/**
 * The version of what the reports read for these locations: per location (and '*', every
 * location) the id of the last transaction that changed it (report_data_versions, kept by
 * triggers: migration 20261129150300_report_cache). Any commit that changes an input
 * changes this text. The database's and the table's oids make a recreated database or schema a
 * different version even where transaction ids start over.
 */
function versionQuery(
  locationIds: readonly string[] | undefined,
  { perLocation = false, setJitOff = false }: { perLocation?: boolean; setJitOff?: boolean } = {},
): Prisma.Sql {
  const versions = perLocation
    ? Prisma.sql`, json_object_agg(v.location_id, v.version::text) AS versions`
    : Prisma.empty;
  return Prisma.sql`
    SELECT (SELECT oid FROM pg_database WHERE datname = current_database())::text || '/'
      || 'report_data_versions'::regclass::oid::text || '/'
      || coalesce(md5(string_agg(v.location_id || ':' || v.version, ',' ORDER BY v.location_id)), '')
      AS version ${versions} ${setJitOff ? Prisma.sql`, ${jitOff()}` : Prisma.empty}
    FROM report_data_versions v
    WHERE v.location_id = '*' OR ${locationIdFilter(Prisma.sql`v.location_id`, locationIds)}`;
}

type VersionRow = { version: string; versions?: Record<string, string> | null };

/** The version text less its digest: the database and table it belongs to. */
const prefixOf = (version: string) => version.slice(0, version.lastIndexOf('/'));

/** Locations (or '*') whose version differs between two maps, either way. */
function changedBetween(a: Record<string, string>, b: Record<string, string>): Set<string> {
  const changed = new Set<string>();
  for (const [id, version] of Object.entries(a)) if (b[id] !== version) changed.add(id);
  for (const id of Object.keys(b)) if (!(id in a)) changed.add(id);
  return changed;
}

function cacheOf(db: Db): Map<string, Entry> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

function latestOf(db: Db): Map<string, Latest> {
  let latest = latests.get(db);
  if (!latest) {
    latest = new Map();
    latests.set(db, latest);
  }
  return latest;
}

/** Adds to a Map in use order, dropping the least recently used beyond the bound. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > REPORT_CACHE_ENTRIES) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
}

function requestKey(request: ReportCacheRequest): string {
  return `${request.name}\u0000${JSON.stringify(request.inputs)}`;
}

function entryKey(request: ReportCacheRequest, version: string): string {
  return `${requestKey(request)}\u0000${version}`;
}

/**
 * A report's result, computed at most once per version of its data (docs/metrics.md, "Report
 * cache"). One statement reads the version of the report's locations; a result stored under it
 * was computed from exactly that data, so it is returned (a copy: callers may change theirs).
 * Otherwise, with `refresh` and a last result of the same report and inputs in the same
 * database, when '*' is unchanged and at most REPORT_REFRESH_MAX_LOCATIONS locations changed:
 * only their statements run and `refresh.merge` puts their rows into the last result. Else the
 * report's statements run. Either way in one REPEATABLE READ transaction (one snapshot; the
 * statement that reads the version also sets `jitOff`), and the result is stored under the
 * version that snapshot saw, never under an older or newer one; a refresh is used only when the
 * locations whose version changed in that snapshot are among those it recomputed. Correct only
 * while every table the statements read bumps the version in its triggers
 * (tests/sync/report-cache.test.ts).
 *
 * @param db a Prisma client (each client has its own cache)
 * @param request the report's name, inputs and locations
 * @param statements the report's statements, run in order after the version (and `jitOff`)
 * @param build the result from the statements' rows
 * @param refresh how to recompute some locations and merge them (reports of per-location rows)
 */
export async function readThroughReportCache<
  const S extends Prisma.PrismaPromise<unknown>[],
  T,
  const R extends Prisma.PrismaPromise<unknown>[] = [],
>(
  db: Db,
  request: ReportCacheRequest,
  statements: () => [...S],
  build: (results: { [K in keyof S]: Awaited<S[K]> }) => T,
  refresh?: ReportRefresh<R, T>,
): Promise<T> {
  const cache = cacheOf(db);
  const [current] = await db.$queryRaw<VersionRow[]>(versionQuery(request.locationIds));
  const hit = current && cache.get(entryKey(request, current.version));
  if (hit) {
    remember(cache, entryKey(request, current.version), hit); // most recently used last
    return structuredClone(hit.value) as T;
  }
  const transaction = { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead };
  const versionStatement = () =>
    db.$queryRaw<VersionRow[]>(
      versionQuery(request.locationIds, { perLocation: refresh !== undefined, setJitOff: true }),
    );
  const store = (version: VersionRow | undefined, value: T) => {
    if (!version) return;
    const stored = structuredClone(value);
    remember(cache, entryKey(request, version.version), { value: stored });
    if (refresh && version.versions)
      remember(latestOf(db), requestKey(request), {
        prefix: prefixOf(version.version),
        versions: version.versions,
        value: stored,
      });
  };

  const latest = refresh && current ? latestOf(db).get(requestKey(request)) : undefined;
  if (refresh && current && latest && latest.prefix === prefixOf(current.version)) {
    // Which locations changed since the last result (read once more in the transaction).
    const [now] = await db.$queryRaw<VersionRow[]>(
      versionQuery(request.locationIds, { perLocation: true }),
    );
    const changed = changedBetween(latest.versions, now?.versions ?? {});
    if (!changed.has('*') && changed.size <= REPORT_REFRESH_MAX_LOCATIONS) {
      const [versionRows, ...results] = await db.$transaction(
        [versionStatement(), ...refresh.statements([...changed].sort())],
        transaction,
      );
      const version = (versionRows as VersionRow[])[0];
      const seen = changedBetween(latest.versions, version?.versions ?? {});
      const merged =
        version && [...seen].every((id) => changed.has(id))
          ? refresh.merge(latest.value as T, results as { [K in keyof R]: Awaited<R[K]> }, changed)
          : null;
      if (merged) {
        // Stored as a copy; the rows `merged` shares are only the last result's (a stale entry).
        store(version, merged);
        return merged;
      }
    }
  }

  const [versionRows, ...results] = await db.$transaction(
    [versionStatement(), ...statements()],
    transaction,
  );
  const value = build(results as { [K in keyof S]: Awaited<S[K]> });
  store((versionRows as VersionRow[])[0], value);
  return value;
}

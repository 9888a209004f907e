import 'server-only';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { activeLocation, locationIdFilter } from '@/lib/db/sql';
import { env } from '@/lib/env';
import { redactSecrets } from '@/lib/redact';
import { accessFix } from '@/lib/sync/access-fix';
import { SYNC_ENTITIES, type AccessStatus, type SyncEntity } from '@/lib/sync/types';

export type SyncHealthParams = {
  /** The locations the user may see; undefined = every location (admins). */
  locationIds?: readonly string[];
  /** The clock (tests pin it); defaults to now. */
  now?: Date;
  /** Defaults to SYNC_INCREMENTAL_EVERY_MINUTES. */
  incrementalEveryMinutes?: number;
  /** Archived locations too, after the active ones (the CLI's `status`); default false (the web). */
  includeArchived?: boolean;
};

/** `fresh` within twice the incremental interval, else `stale`; `never` before a complete sync. */
export type Freshness = 'fresh' | 'stale' | 'never';

/** A problem status (someone must act), or `ok`, `pending` (readable, no complete sync yet) or `never` (not tried). */
export type EntityHealthStatus = Exclude<AccessStatus, 'ok'> | 'ok' | 'pending' | 'never';

export type EntityHealth = {
  entity: SyncEntity;
  status: EntityHealthStatus;
  /** GHL's words (as the sync stored them, redacted) when it refused; null otherwise. */
  message: string | null;
  traceId: string | null;
  /** Which token GHL refused (problems only): the agency's, the location's own, or OAuth. */
  tokenKind: 'agency' | 'location' | 'oauth' | null;
  /** When the status was recorded (ISO). */
  seenAt: string | null;
  /** When the entity last finished a sync (ISO); null if never. */
  lastSuccessAt: string | null;
  /** The fix in plain words; null when nothing needs doing. */
  fix: string | null;
  /** A run of this entity started and has not finished: running now, or interrupted (it resumes). */
  isUnfinished: boolean;
};

export type LocationHealth = {
  locationId: string;
  name: string;
  /** When the location left the agency (ISO); null while it is active. */
  archivedAt: string | null;
  /** When every entity last synced completely (ISO); null if never. */
  lastSyncedAt: string | null;
  lastFullSyncAt: string | null;
  freshness: Freshness;
  /**
   * Which token the next sync uses: the location's own Private Integration, else an OAuth location
   * token when the Marketplace app is connected, else the agency's.
   */
  tokenKind: 'location' | 'oauth' | 'agency';
  hasProblems: boolean;
  entities: EntityHealth[];
  /** GHL requests for this location in the last 24 hours (from api_call_log). */
  apiUsage: {
    requests: number;
    rateLimited: number;
    minRemaining: number | null;
    minDailyRemaining: number | null;
  };
};

export type SyncHealthResult = {
  /** The instant the figures were read (ISO); relative times are measured from it. */
  generatedAt: string;
  incrementalEveryMinutes: number;
  /**
   * Without its error lines: they name locations the user may not see. For a view restricted to
   * some locations (staff, or one location) the counts are over those locations only — how many
   * there are, and how many have synced completely since the run started — never the agency's.
   */
  lastRun: {
    mode: string;
    status: string;
    trigger: string;
    startedAt: string;
    finishedAt: string | null;
    locationsTotal: number;
    locationsDone: number;
  } | null;
  /** When the next scheduled incremental run is due, if the last run came from the worker's schedule. */
  nextScheduledRunAt: string | null;
  /** Active before archived, problems first, then by name. */
  locations: LocationHealth[];
};

const PROBLEM_STATUSES: ReadonlySet<string> = new Set([
  'scope_missing',
  'forbidden',
  'token_revoked',
  'budget_exhausted',
  'error',
  'location_inactive',
  'app_not_installed',
]);

type EntityJson = {
  entity: SyncEntity;
  status: string | null;
  message: string | null;
  trace_id: string | null;
  token_kind: string | null;
  seen_at: string | null;
  last_success_at: string | null;
  run_started_at: string | null;
};

type LocationRow = {
  id: string;
  name: string;
  archived_at: Date | null;
  last_synced_at: Date | null;
  last_full_sync_at: Date | null;
  has_own_token: boolean;
  has_oauth: boolean;
  requests: number;
  rate_limited: number;
  min_remaining: number | null;
  min_daily_remaining: number | null;
  entities: EntityJson[];
};

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

/**
 * The next tick of the worker's incremental schedule (`everyMinutesCron`: every N minutes from UTC
 * midnight, N a divisor of 60 or whole hours dividing a day), strictly after `now`; null otherwise.
 */
export function nextIncrementalRun(now: Date, everyMinutes: number): Date | null {
  const isCron =
    (everyMinutes < 60 && 60 % everyMinutes === 0) ||
    (everyMinutes % 60 === 0 && 1440 % everyMinutes === 0);
  if (!isCron) return null;
  const step = everyMinutes * 60_000;
  const midnight = Math.floor(now.getTime() / 86_400_000) * 86_400_000;
  return new Date(midnight + (Math.floor((now.getTime() - midnight) / step) + 1) * step);
}

/** The one freshness rule: a complete sync within twice the incremental interval is fresh. */
export function freshnessOf(lastSyncedAt: Date | null, now: Date, everyMinutes: number): Freshness {
  if (lastSyncedAt === null) return 'never';
  return now.getTime() - lastSyncedAt.getTime() <= 2 * everyMinutes * 60_000 ? 'fresh' : 'stale';
}

function entityHealth(locationId: string, e: EntityJson): EntityHealth {
  const base = {
    entity: e.entity,
    // Redacted again when shown: rows stored before partial tokens were redacted may hold one.
    message: e.message === null ? null : redactSecrets(e.message),
    traceId: e.trace_id,
    seenAt: iso(e.seen_at),
    lastSuccessAt: iso(e.last_success_at),
  };
  if (e.status !== null && PROBLEM_STATUSES.has(e.status)) {
    const status = e.status as Exclude<AccessStatus, 'ok'>;
    const tokenKind =
      e.token_kind === 'agency' || e.token_kind === 'location' || e.token_kind === 'oauth'
        ? e.token_kind
        : null;
    const fix = accessFix(status, locationId, e.entity, tokenKind);
    return { ...base, status, tokenKind, fix, isUnfinished: false };
  }
  const status: EntityHealthStatus =
    e.status === null ? 'never' : e.last_success_at ? 'ok' : 'pending';
  return {
    ...base,
    message: null,
    traceId: null,
    tokenKind: null,
    status,
    fix: null,
    isUnfinished: e.run_started_at !== null,
  };
}

/**
 * Sync health per active location the user may see: last complete sync and freshness, the token in
 * use (never the token), each entity's access status with GHL's words and the fix, unfinished
 * runs, and the last 24 hours of GHL requests; plus the last sync run. Two queries. The one sync
 * status of the project: `/health`, `GET /api/health/sync` and `npm run cli -- status`
 * (`includeArchived`) all read it, and lib/metrics/format-sync-health.ts words it.
 */
export async function getSyncHealth(db: Db, params: SyncHealthParams): Promise<SyncHealthResult> {
  const now = params.now ?? new Date();
  const everyMinutes = params.incrementalEveryMinutes ?? env().SYNC_INCREMENTAL_EVERY_MINUTES;
  // The current hour bucket and the 23 before it.
  const since = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 23 * 3_600_000);

  const [rows, runs] = await Promise.all([
    db.$queryRaw<LocationRow[]>(Prisma.sql`
      WITH loc AS (
        SELECT l.id, l.name, l.archived_at, l.last_synced_at, l.last_full_sync_at
        FROM locations l
        WHERE ${params.includeArchived ? Prisma.sql`TRUE` : activeLocation(Prisma.sql`l`)} AND ${locationIdFilter(Prisma.sql`l.id`, params.locationIds)}
      ),
      usage AS (
        SELECT c.location_id,
               SUM(c.count)::int AS requests,
               (COALESCE(SUM(c.count) FILTER (WHERE c.status = 429), 0))::int AS rate_limited,
               MIN(c.min_remaining) AS min_remaining,
               MIN(c.min_daily_remaining) AS min_daily_remaining
        FROM api_call_log c
        WHERE c.hour >= ${since} AND c.location_id IN (SELECT id FROM loc)
        GROUP BY c.location_id
      )
      SELECT loc.id, loc.name, loc.archived_at, loc.last_synced_at, loc.last_full_sync_at,
             EXISTS (SELECT 1 FROM location_tokens t WHERE t.location_id = loc.id) AS has_own_token,
             EXISTS (SELECT 1 FROM oauth_connections o) AS has_oauth,
             COALESCE(u.requests, 0) AS requests, COALESCE(u.rate_limited, 0) AS rate_limited,
             u.min_remaining, u.min_daily_remaining,
             (SELECT json_agg(json_build_object(
                       'entity', e.entity, 'status', a.status, 'message', a.message, 'trace_id', a.trace_id,
                       'token_kind', a.token_kind, 'seen_at', a.seen_at, 'last_success_at', s.last_success_at,
                       'run_started_at', s.run_started_at)
                     ORDER BY e.ord)
              FROM unnest(${[...SYNC_ENTITIES]}::text[]) WITH ORDINALITY AS e(entity, ord)
              LEFT JOIN location_access a ON a.location_id = loc.id AND a.entity = e.entity
              LEFT JOIN sync_checkpoints s ON s.location_id = loc.id AND s.entity = e.entity) AS entities
      FROM loc LEFT JOIN usage u ON u.location_id = loc.id`),
    db.syncRun.findMany({ orderBy: { startedAt: 'desc' }, take: 1 }),
  ]);

  const locations = rows.map((row): LocationHealth => {
    const entities = row.entities.map((e) => entityHealth(row.id, e));
    return {
      locationId: row.id,
      name: row.name,
      archivedAt: iso(row.archived_at),
      lastSyncedAt: iso(row.last_synced_at),
      lastFullSyncAt: iso(row.last_full_sync_at),
      freshness: freshnessOf(row.last_synced_at, now, everyMinutes),
      tokenKind: row.has_own_token ? 'location' : row.has_oauth ? 'oauth' : 'agency',
      hasProblems: entities.some((e) => e.fix !== null),
      entities,
      apiUsage: {
        requests: row.requests,
        rateLimited: row.rate_limited,
        minRemaining: row.min_remaining,
        minDailyRemaining: row.min_daily_remaining,
      },
    };
  });
  locations.sort(
    (a, b) =>
      Number(a.archivedAt !== null) - Number(b.archivedAt !== null) ||
      Number(b.hasProblems) - Number(a.hasProblems) ||
      a.name.localeCompare(b.name, 'en') ||
      a.locationId.localeCompare(b.locationId),
  );

  const run = runs[0];
  const next = run?.trigger === 'schedule' ? nextIncrementalRun(now, everyMinutes) : null;
  // A restricted view must not learn the agency's size from the run's own counts.
  const counts =
    run && params.locationIds !== undefined
      ? {
          locationsTotal: locations.filter((l) => l.archivedAt === null).length,
          locationsDone: locations.filter(
            (l) =>
              l.archivedAt === null &&
              l.lastSyncedAt !== null &&
              Date.parse(l.lastSyncedAt) >= run.startedAt.getTime(),
          ).length,
        }
      : { locationsTotal: run?.locationsTotal ?? 0, locationsDone: run?.locationsDone ?? 0 };
  return {
    generatedAt: now.toISOString(),
    incrementalEveryMinutes: everyMinutes,
    lastRun: run
      ? {
          mode: run.mode,
          status: run.status,
          trigger: run.trigger,
          startedAt: run.startedAt.toISOString(),
          finishedAt: iso(run.finishedAt),
          ...counts,
        }
      : null,
    nextScheduledRunAt: iso(next),
    locations,
  };
}

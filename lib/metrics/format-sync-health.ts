import { formatInstant } from '@/lib/metrics/format-report-value';
import type {
  EntityHealth,
  EntityHealthStatus,
  LocationHealth,
  SyncHealthResult,
} from '@/lib/metrics/get-sync-health';

/**
 * The one wording of sync health, for `/health` and `npm run cli -- status` alike (and the coming
 * emails): relative times, status labels, problems grouped the same way, and the CLI's text.
 */

/**
 * "12 min ago", "3 h ago", "2 days ago" (or "in 8 min") for an instant, measured from the moment
 * the server read the figures, so the server render and the browser render agree.
 */
export function formatRelative(iso: string, fromIso: string): string {
  const diffMs = new Date(fromIso).getTime() - new Date(iso).getTime();
  if (!Number.isFinite(diffMs)) return iso;
  const isFuture = diffMs < 0;
  const minutes = Math.round(Math.abs(diffMs) / 60_000);
  let text: string;
  if (minutes < 1) return isFuture ? 'in under a minute' : 'just now';
  if (minutes < 60) text = `${minutes} min`;
  else if (minutes < 48 * 60) text = `${Math.round(minutes / 60)} h`;
  else text = `${Math.round(minutes / 1440)} days`;
  return isFuture ? `in ${text}` : `${text} ago`;
}

/** What each entity status is called on the page (the stored code stays in a title). */
export const STATUS_LABELS: Record<EntityHealthStatus, string> = {
  ok: 'OK',
  pending: 'not synced yet',
  never: 'not read yet',
  scope_missing: 'scope missing',
  forbidden: 'forbidden',
  token_revoked: 'token revoked',
  budget_exhausted: 'budget used up',
  error: 'error',
  location_inactive: 'sub-account inactive',
  app_not_installed: 'app not installed',
};

/** A location's access problems: entities with the same status, GHL words and fix form one group. */
export type AccessProblemGroup = { entities: EntityHealth[]; first: EntityHealth };

/** Groups a location's problem entities (those with a fix) by status, message and fix, in order. */
export function groupAccessProblems(entities: readonly EntityHealth[]): AccessProblemGroup[] {
  const groups = new Map<string, EntityHealth[]>();
  for (const entity of entities) {
    if (entity.fix === null) continue;
    const key = `${entity.status}\u0000${entity.message ?? ''}\u0000${entity.fix}`;
    groups.set(key, [...(groups.get(key) ?? []), entity]);
  }
  return [...groups.values()].map((group) => ({ entities: group, first: group[0]! }));
}

function locationLines(l: LocationHealth, now: string): string[] {
  const when = l.lastSyncedAt
    ? `last complete sync ${formatInstant(l.lastSyncedAt)} (${formatRelative(l.lastSyncedAt, now)}, ${l.freshness})`
    : 'never synced completely';
  const token =
    l.tokenKind === 'location'
      ? 'own token'
      : l.tokenKind === 'oauth'
        ? 'OAuth location token'
        : 'agency token';
  const lines = [
    `${l.archivedAt ? '[archived] ' : ''}${l.locationId}  ${JSON.stringify(l.name)}  ${when}; ${token}`,
  ];
  if (l.lastFullSyncAt) lines.push(`    last full reconcile ${formatInstant(l.lastFullSyncAt)}`);
  const unfinished = l.entities.filter((e) => e.isUnfinished).map((e) => e.entity);
  if (unfinished.length > 0)
    lines.push(
      `    unfinished (running now, or interrupted and resumed by the next sync): ${unfinished.join(', ')}`,
    );
  const notYet = l.entities.filter((e) => e.status === 'pending' || e.status === 'never');
  if (notYet.length > 0 && !l.hasProblems && l.lastSyncedAt === null)
    lines.push(`    not synced yet: ${notYet.map((e) => e.entity).join(', ')}`);
  for (const { entities, first } of groupAccessProblems(l.entities)) {
    const said = first.message ? ` — GHL said: "${first.message}"` : '';
    const trace = first.traceId ? `, traceId ${first.traceId}` : '';
    const seen = first.seenAt ? `, ${formatInstant(first.seenAt)}` : '';
    lines.push(
      `    ${entities.map((e) => e.entity).join(', ')}: ${first.status}${said} (${first.tokenKind ?? '?'} token${trace}${seen})`,
    );
    lines.push(`      fix: ${first.fix}`);
  }
  return lines;
}

/**
 * Sync health as plain text lines (`npm run cli -- status`): the last run, a count of locations
 * with problems or not fresh, then per location its last complete sync and freshness, unfinished
 * entities and each access problem with GHL's words and the fix.
 */
export function syncStatusLines(health: SyncHealthResult): string[] {
  const now = health.generatedAt;
  const lines: string[] = [];
  const run = health.lastRun;
  if (run) {
    const end = run.finishedAt
      ? `finished ${formatRelative(run.finishedAt, now)}`
      : `started ${formatRelative(run.startedAt, now)}, still running`;
    lines.push(
      `Last sync run: ${run.mode} (${run.trigger}), ${run.status}, ${end}; ${run.locationsDone}/${run.locationsTotal} locations.`,
    );
  } else lines.push('No sync has run yet: npm run cli -- sync');
  if (health.locations.length === 0) return [...lines, 'No locations known yet.'];
  const active = health.locations.filter((l) => l.archivedAt === null);
  const withProblems = active.filter((l) => l.hasProblems).length;
  const notFresh = active.filter((l) => l.freshness !== 'fresh').length;
  lines.push(
    `${active.length} active location(s): ${withProblems} with access problems, ${notFresh} stale or never synced.`,
    '',
  );
  for (const location of health.locations) lines.push(...locationLines(location, now));
  return lines;
}

/** A plain-word label for agency staff, with the operator's wording kept for whoever needs it. */
export type PlainWording = { label: string; technical: string };

/** The health table's columns in plain words; `technical` is what an operator would call them. */
export const HEALTH_COLUMNS = {
  location: { label: 'Location', technical: 'GHL sub-account (location)' },
  lastSync: {
    label: 'Last complete sync',
    technical: 'Finish time of the last sync run that read every entity of this location',
  },
  freshness: {
    label: 'Freshness',
    technical: 'Freshness: fresh when the last complete sync is younger than twice the interval',
  },
  token: {
    label: 'Connected with',
    technical: "Credential used: the location's own Private Integration token, OAuth, or agency",
  },
  access: {
    label: 'What we can read',
    technical: 'Per-entity access status, with the GHL API message and traceId on refusals',
  },
  requests: {
    label: 'Requests to GoHighLevel (24 h)',
    technical: 'GHL API requests for this location in the last 24 hours (api_call_log)',
  },
  rateLimited: {
    label: 'Times GHL asked us to slow down (24 h)',
    technical: 'HTTP 429 (rate limited) responses in the last 24 hours',
  },
  minRemaining: {
    label: 'Lowest remaining request budget',
    technical:
      "Min. headroom: the fewest requests left in GHL's 10-second burst window (100 per location), from X-RateLimit-Remaining",
  },
} as const satisfies Record<string, PlainWording>;

const RUN_MODES: Record<string, string> = {
  full: 'Full sync',
  incremental: 'Update of recent changes',
};

const RUN_TRIGGERS: Record<string, string> = {
  cli: 'started from the command line',
  schedule: 'started automatically on schedule',
  web: 'started from this dashboard',
};

const RUN_STATUSES: Record<string, string> = {
  running: 'Still running',
  ok: 'Finished, every location read',
  partial: 'Finished, some locations had problems',
  failed: 'Failed',
};

/**
 * A sync run's mode and trigger in plain words ("Full sync, started from the command line"), with
 * the stored codes as `technical` ("full (cli)"). Unknown codes are shown as they are.
 */
export function describeSyncRun(run: { mode: string; trigger: string }): PlainWording {
  const technical = `${run.mode} (${run.trigger})`;
  const mode = RUN_MODES[run.mode];
  const trigger = RUN_TRIGGERS[run.trigger];
  if (!mode) return { label: technical, technical };
  return { label: trigger ? `${mode}, ${trigger}` : `${mode} (${run.trigger})`, technical };
}

/**
 * A sync run's status in plain words ("Finished, some locations had problems"), with the stored
 * code as `technical` ("partial"). An unknown code is shown as it is.
 */
export function describeRunStatus(status: string): PlainWording {
  return { label: RUN_STATUSES[status] ?? status, technical: status };
}

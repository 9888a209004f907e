import 'server-only';
import type PgBoss from 'pg-boss';
import { z } from 'zod';

/**
 * The sync's pg-boss jobs: name, zod payload and queue options. Handlers live in ./handlers.
 *
 * Queue policy: `short` (at most one *queued* job per singletonKey = location id) plus a
 * per-location advisory lock in the handler. Not `singleton`/`stately`: in pg-boss 10 a queued job
 * whose key is already active makes the fetch query hit the unique index, the error is swallowed
 * and the fetch returns nothing — every worker then stalls behind that one location (head-of-line
 * blocking, tests/sync/queue-policy.test.ts), and after a killed worker for as long as its job
 * takes to expire. The advisory lock is released the moment a worker dies.
 */

export const syncModeSchema = z.enum(['incremental', 'full']);

/** Sync one location. */
export const syncLocationJob = {
  name: 'sync-location',
  payload: z.object({
    locationId: z.string().min(1),
    mode: syncModeSchema,
    /** The sync_runs row this job reports to (null when sent by hand). */
    runId: z.uuid().nullable(),
  }),
  queue: {
    policy: 'short',
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    // pg-boss 10 has no heartbeat: a job is failed (and retried) when it runs longer than this.
    expireInSeconds: 2 * 3600,
  },
} as const;
export type SyncLocationPayload = z.infer<typeof syncLocationJob.payload>;

/** Discover locations and queue one sync-location job each (the schedules send these). */
export const syncAgencyJob = {
  name: 'sync-agency',
  payload: z.object({ mode: syncModeSchema, trigger: z.string().default('schedule') }),
  queue: {
    policy: 'short',
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 1800,
  },
} as const;
export type SyncAgencyPayload = z.infer<typeof syncAgencyJob.payload>;

/** pg-boss 10 keeps one schedule per queue name, so each schedule has its own queue. */
export const scheduleQueues = {
  incremental: 'sync-agency-incremental',
  full: 'sync-agency-full',
} as const;

/** Creates every queue the sync uses (idempotent). */
export async function ensureSyncQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(syncLocationJob.name, {
    name: syncLocationJob.name,
    ...syncLocationJob.queue,
  });
  await boss.createQueue(syncAgencyJob.name, { name: syncAgencyJob.name, ...syncAgencyJob.queue });
  for (const name of Object.values(scheduleQueues)) {
    await boss.createQueue(name, { name, ...syncAgencyJob.queue });
  }
}

/**
 * Queues a location sync; null when one of the same mode is already queued for that location.
 * Incremental and full have their own singleton keys, so a queued incremental never swallows the
 * nightly full (the advisory lock runs them one after the other).
 */
export async function sendSyncLocation(
  boss: PgBoss,
  payload: SyncLocationPayload,
): Promise<string | null> {
  const singletonKey = payload.mode === 'full' ? `${payload.locationId}:full` : payload.locationId;
  return boss.send(syncLocationJob.name, syncLocationJob.payload.parse(payload), { singletonKey });
}

/** Queues an agency-wide sync (discovery + one job per location). */
export async function sendSyncAgency(
  boss: PgBoss,
  payload: { mode: 'incremental' | 'full'; trigger?: string },
): Promise<string | null> {
  return boss.send(syncAgencyJob.name, syncAgencyJob.payload.parse(payload), {
    singletonKey: `agency-${payload.mode}`,
  });
}

/**
 * The cron of "every N minutes": `*\/N * * * *` when N divides an hour, whole hours when N is a
 * multiple of 60 dividing a day; anything else is refused with a message.
 */
export function everyMinutesCron(minutes: number): string {
  if (minutes < 60 && 60 % minutes === 0)
    return minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`;
  if (minutes % 60 === 0 && 24 % (minutes / 60) === 0)
    return minutes === 60 ? '0 * * * *' : `0 */${minutes / 60} * * *`;
  throw new Error(
    `SYNC_INCREMENTAL_EVERY_MINUTES=${minutes} cannot be a cron schedule: use a divisor of 60 (5, 10, 15, 30) or whole hours dividing a day (60, 120, 180, 240, 360, 720, 1440).`,
  );
}

import 'server-only';
import PgBoss from 'pg-boss';
import type { SyncContext } from '../context';
import {
  ensureSyncQueues,
  everyMinutesCron,
  scheduleQueues,
  syncAgencyJob,
  syncLocationJob,
} from './definitions';
import { handleSyncAgency, handleSyncLocation } from './handlers';

export type SyncWorkerOptions = {
  ctx: SyncContext;
  databaseUrl: string;
  /** Location jobs run at the same time in this process (SYNC_CONCURRENCY). */
  concurrency: number;
  /** Install the schedules (every worker may; pg-boss keeps one per queue). Null: none. */
  schedule: { incrementalEveryMinutes: number; fullCron: string; tz?: string } | null;
  /** How often an idle worker polls (seconds, pg-boss minimum 0.5). */
  pollingIntervalSeconds?: number;
  /** Ran jobs report here (logs, tests). */
  onJob?: (event: { queue: string; jobId: string; result?: unknown; error?: unknown }) => void;
  log?: (line: string) => void;
};

export type SyncWorker = { boss: PgBoss; stop(options?: { timeoutMs?: number }): Promise<void> };

/**
 * Starts a pg-boss worker for the sync: `concurrency` location workers, one agency worker per
 * queue, and (optionally) the schedules — an incremental sync every N minutes and the full
 * reconcile on its cron. Any number of these processes may share one database: jobs are fetched
 * with SKIP LOCKED and each location sync holds the location's advisory lock.
 */
export async function startSyncWorker(options: SyncWorkerOptions): Promise<SyncWorker> {
  const { ctx } = options;
  const controller = new AbortController();
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    application_name: 'agency-pulse worker',
    schedule: options.schedule !== null,
  });
  boss.on('error', (error) => options.log?.(`pg-boss: ${error.message}`));
  await boss.start();
  await ensureSyncQueues(boss);

  const deps = { ctx, boss, signal: controller.signal };
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
  const track = async <T>(queue: string, jobId: string, run: () => Promise<T>): Promise<T> => {
    try {
      const result = await run();
      options.onJob?.({ queue, jobId, result });
      return result;
    } catch (error) {
      options.onJob?.({ queue, jobId, error });
      throw error;
    }
  };

  for (let i = 0; i < Math.max(1, options.concurrency); i++) {
    await boss.work(
      syncLocationJob.name,
      { ...polling, batchSize: 1, includeMetadata: true },
      async ([job]) => {
        if (!job) return undefined;
        return track(syncLocationJob.name, job.id, () =>
          handleSyncLocation(deps, job.data, {
            retryCount: job.retryCount,
            retryLimit: job.retryLimit,
          }),
        );
      },
    );
  }
  for (const queue of [syncAgencyJob.name, ...Object.values(scheduleQueues)]) {
    await boss.work(queue, { ...polling, batchSize: 1 }, async ([job]) => {
      if (!job) return undefined;
      return track(queue, job.id, () => handleSyncAgency(deps, job.data));
    });
  }
  if (options.schedule) {
    const tz = options.schedule.tz ?? 'UTC';
    await boss.schedule(
      scheduleQueues.incremental,
      everyMinutesCron(options.schedule.incrementalEveryMinutes),
      { mode: 'incremental', trigger: 'schedule' },
      { tz, singletonKey: 'agency-incremental' },
    );
    await boss.schedule(
      scheduleQueues.full,
      options.schedule.fullCron,
      { mode: 'full', trigger: 'schedule' },
      { tz, singletonKey: 'agency-full' },
    );
  }

  return {
    boss,
    async stop(stopOptions = {}) {
      // Running location syncs stop after their current page (committed and checkpointed); their
      // jobs fail and are retried later, resuming where they stopped.
      controller.abort(new Error('worker stopping'));
      await boss.stop({ graceful: true, wait: true, timeout: stopOptions.timeoutMs ?? 30_000 });
    },
  };
}

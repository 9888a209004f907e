import 'server-only';

import { setMaxListeners } from 'node:events';
import type PgBoss from 'pg-boss';
import { env, type Env } from '@/lib/env';
import { createBoss } from './boss';
import { enqueue } from './enqueue';
import { ensureQueue } from './ensure-queue';
import { isRetryableJobError } from './errors';
import { parseJobPayload } from './parse-job-payload';
import { jobRegistry } from './registry';
import type { JobContext, JobDefinition, JobServices } from './types';

/** One ran job, for logs and tests. `willRetry` is set on failures. */
export type JobEvent = {
  queue: string;
  jobId: string;
  result?: unknown;
  error?: unknown;
  willRetry?: boolean;
};

export type WorkerOptions = {
  services: JobServices;
  /** Default: DATABASE_URL (lib/env). */
  databaseUrl?: string;
  /** Concurrency and schedules are read from here (SYNC_CONCURRENCY …). Default: lib/env. */
  settings?: Env;
  /** Default: every registered job. */
  registry?: readonly JobDefinition[];
  /** Install the registry's schedules (every worker may; pg-boss keeps one per queue). Default true. */
  schedules?: boolean;
  /** How often an idle handler polls (seconds, pg-boss minimum 0.5). Default 2. */
  pollingIntervalSeconds?: number;
  onJob?: (event: JobEvent) => void;
  log?: (line: string) => void;
};

export type Worker = {
  boss: PgBoss;
  stop(options?: { timeoutMs?: number }): Promise<void>;
};

/** What a permanently failed job completes with (pg-boss keeps it as the job's output). */
export type PermanentFailure = { status: 'failed'; retryable: false; error: string };

/**
 * Starts a pg-boss worker for the registry: creates every queue with its policy, runs each
 * queue's `concurrency` handlers, and (optionally) installs the schedules. Payloads are validated
 * before a handler sees them. A handler's error is retried by pg-boss with the queue's backoff
 * when it is retryable; otherwise the job completes at once with a PermanentFailure output.
 * Any number of these processes may share one database: jobs are fetched with SKIP LOCKED.
 */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const settings = options.settings ?? env();
  const registry = options.registry ?? jobRegistry;
  const schedules = options.schedules ?? true;
  const log = options.log ?? (() => undefined);
  const names = registry.map((definition) => definition.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new Error(`Two job definitions are named "${duplicate}"`);

  const controller = new AbortController();
  // One signal for every running job (SYNC_CONCURRENCY of them, each listening once): not a leak.
  setMaxListeners(0, controller.signal);
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
  const report = (event: JobEvent) => options.onJob?.(event);

  /** Runs one fetched job: validate, handle, and classify a failure as retryable or not. */
  const runJob = async (
    boss: PgBoss,
    definition: JobDefinition,
    job: PgBoss.JobWithMetadata<unknown>,
  ): Promise<unknown> => {
    const queue = definition.name;
    const attempt = { retryCount: job.retryCount, retryLimit: job.retryLimit };
    const ctx: JobContext = {
      services: options.services,
      jobId: job.id,
      attempt,
      signal: controller.signal,
      enqueue: (next, payload) => enqueue(next, payload, { boss }),
      log,
    };
    try {
      const result = await definition.run(parseJobPayload(definition, job.data), ctx);
      report({ queue, jobId: job.id, result });
      return result;
    } catch (error) {
      if (isRetryableJobError(error)) {
        const willRetry = attempt.retryCount < attempt.retryLimit;
        report({ queue, jobId: job.id, error, willRetry });
        throw error;
      }
      report({ queue, jobId: job.id, error, willRetry: false });
      const message = error instanceof Error ? error.message : String(error);
      return { status: 'failed', retryable: false, error: message } satisfies PermanentFailure;
    }
  };

  /** Queues first (pg-boss 10 needs them before work and schedule), then handlers, then cron. */
  const register = async (boss: PgBoss) => {
    for (const definition of registry) {
      await ensureQueue(boss, definition);
      for (let i = 0; i < definition.concurrency(settings); i++) {
        // pg-boss sleeps out the polling interval after every fetch, even one that found a job:
        // a handler would then run at most one job per interval (16 handlers, 2 s: 8 jobs/s,
        // which a burst of webhook hints outruns). A handler that ran a job asks for the next
        // at once; only an empty fetch waits the interval.
        let workerId = '';
        workerId = await boss.work(
          definition.name,
          { ...polling, batchSize: 1, includeMetadata: true },
          async ([job]) => {
            if (!job) return undefined;
            try {
              return await runJob(boss, definition, job);
            } finally {
              boss.notifyWorker(workerId);
            }
          },
        );
      }
    }
    if (!schedules) return;
    for (const definition of registry) {
      const schedule = definition.schedule(settings);
      if (!schedule) continue;
      await boss.schedule(definition.name, schedule.cron, schedule.data as object, {
        tz: schedule.tz ?? 'UTC',
        ...(schedule.singletonKey ? { singletonKey: schedule.singletonKey } : {}),
      });
    }
  };

  const boss = await createBoss({
    databaseUrl: options.databaseUrl,
    schedule: schedules,
    applicationName: 'agency-pulse worker',
    log,
  });
  try {
    await register(boss);
  } catch (error) {
    await boss.stop({ graceful: false, wait: true });
    throw error;
  }

  return {
    boss,
    async stop(stopOptions = {}) {
      // Running handlers see the signal and stop at a safe point (a location sync after its
      // current page, committed and checkpointed); their jobs fail and are retried later.
      controller.abort(new Error('worker stopping'));
      await boss.stop({ graceful: true, wait: true, timeout: stopOptions.timeoutMs ?? 30_000 });
    },
  };
}

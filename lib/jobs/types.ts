import type { z } from 'zod';
import type { Env } from '@/lib/env';
import type { SyncContext } from '@/lib/sync/context';

/**
 * The vocabulary of lib/jobs: a job definition (name, zod payload, queue policy, schedule,
 * concurrency, lazily loaded handler) and what a handler is given when it runs.
 */

/** What the process running the worker provides to handlers (built once by scripts/worker.ts). */
export type JobServices = { sync: SyncContext };

/** Queue options pg-boss applies to every job of the queue (retry, backoff, expiry, dedup). */
export type JobQueuePolicy = {
  /** `short`: at most one queued job per singletonKey (see docs/sync.md for why not `singleton`). */
  policy: 'standard' | 'short' | 'singleton' | 'stately';
  retryLimit: number;
  /** Seconds before the first retry; doubled each time with `retryBackoff`. */
  retryDelay: number;
  retryBackoff: boolean;
  /** pg-boss 10 has no heartbeat: a job running longer than this is failed (and retried). */
  expireInSeconds: number;
};

/** A cron schedule installed by the worker; pg-boss keeps one schedule per queue. */
export type JobSchedule<Data = unknown> = {
  cron: string;
  data: Data;
  /** Default UTC. */
  tz?: string;
  singletonKey?: string;
};

/** Queues a job on the caller's pg-boss instance (the worker's, inside a handler). */
export type Enqueue = <P extends z.ZodType>(
  definition: JobDefinition<P>,
  payload: z.input<P>,
) => Promise<string | null>;

/** What a handler receives besides its (validated) payload. */
export type JobContext = {
  services: JobServices;
  jobId: string;
  /** pg-boss runs the job again after a retryable failure while retryCount < retryLimit. */
  attempt: { retryCount: number; retryLimit: number };
  /** Aborted when the worker stops: stop at a safe point and throw (the job is retried). */
  signal: AbortSignal;
  enqueue: Enqueue;
  log(line: string): void;
};

/** Runs one job. Must be idempotent: a job may run again after a crash or a retryable error. */
export type JobHandler<Payload, Result> = (payload: Payload, ctx: JobContext) => Promise<Result>;

/**
 * A registered job, as the worker and `enqueue` see it. Built by `defineJob`; its functions are
 * methods so that definitions with different payloads fit in one registry array.
 */
export type JobDefinition<P extends z.ZodType = z.ZodType> = {
  readonly name: string;
  readonly payload: P;
  readonly queue: JobQueuePolicy;
  /** Deduplication key of a validated payload (with policy `short`: one queued job per key). */
  singletonKey(payload: z.output<P>): string | undefined;
  /** The schedule this job runs on, or null when it is only sent. */
  schedule(settings: Env): JobSchedule<z.input<P>> | null;
  /** Handlers of this queue running at once in one worker process. */
  concurrency(settings: Env): number;
  /** Loads the handler (first use) and runs it. */
  run(payload: z.output<P>, ctx: JobContext): Promise<unknown>;
};

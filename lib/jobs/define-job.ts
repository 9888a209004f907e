import type { z } from 'zod';
import type { Env } from '@/lib/env';
import type { JobDefinition, JobHandler, JobQueuePolicy, JobSchedule } from './types';

/** What a job file declares. Only `handler` pulls in the heavy code, and only when a job runs. */
export type JobSpec<P extends z.ZodType, Result> = {
  /** The pg-boss queue name; never rename one that has jobs in a deployed database. */
  name: string;
  payload: P;
  queue: JobQueuePolicy;
  singletonKey?: (payload: z.output<P>) => string;
  schedule?: (settings: Env) => JobSchedule<z.input<P>> | null;
  /** Default 1. */
  concurrency?: (settings: Env) => number;
  /** Lazily imported, e.g. `() => import('./handle-x').then((m) => m.handleX)`. */
  handler: () => Promise<JobHandler<z.output<P>, Result>>;
};

/**
 * Turns a job file's spec into a registry entry: defaults filled in, the handler loaded on first
 * use (so enqueuing from the app or the CLI never loads the worker's code).
 */
export function defineJob<P extends z.ZodType, Result>(spec: JobSpec<P, Result>): JobDefinition<P> {
  let loaded: Promise<JobHandler<z.output<P>, Result>> | undefined;
  return {
    name: spec.name,
    payload: spec.payload,
    queue: spec.queue,
    singletonKey: (payload) => spec.singletonKey?.(payload),
    schedule: (settings) => spec.schedule?.(settings) ?? null,
    concurrency: (settings) => Math.max(1, spec.concurrency?.(settings) ?? 1),
    async run(payload, ctx) {
      loaded ??= spec.handler();
      const handler = await loaded;
      return handler(payload, ctx);
    },
  };
}

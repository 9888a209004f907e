import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resetEnvCache } from '@/lib/env';
import { stopBoss } from '@/lib/jobs/boss';
import { defineJob } from '@/lib/jobs/define-job';
import { enqueue } from '@/lib/jobs/enqueue';
import { startWorker, type JobEvent, type Worker } from '@/lib/jobs/start-worker';
import type { JobQueuePolicy, JobServices } from '@/lib/jobs/types';
import { createTestDatabase, type TestDatabase } from '@/tests/db';

// The machinery under the sync jobs, on probe jobs of its own: lazy handlers, retryable and
// permanent failures, jobs that queue jobs, and enqueue on the process's shared pg-boss.
const queue: JobQueuePolicy = {
  policy: 'standard',
  retryLimit: 2,
  retryDelay: 0,
  retryBackoff: false,
  expireInSeconds: 60,
};
const calls: string[] = [];
let loads = 0;

/** Fails the first `failTimes` attempts, with an error that says whether to retry. */
const flaky = defineJob({
  name: 'probe-flaky',
  payload: z.object({ id: z.string(), failTimes: z.number().int(), retryable: z.boolean() }),
  queue,
  handler: async () => {
    loads += 1;
    return async ({ id, failTimes, retryable }, ctx) => {
      calls.push(`${id}#${ctx.attempt.retryCount}`);
      if (ctx.attempt.retryCount < failTimes)
        throw Object.assign(new Error(`${id} failed`), { isRetryable: retryable });
      return { id, attempts: ctx.attempt.retryCount + 1 };
    };
  },
});

/** Queues one flaky job per id it is given, through the handler's own enqueue. */
const fanOut = defineJob({
  name: 'probe-fan-out',
  payload: z.object({ ids: z.array(z.string()).min(1) }),
  queue,
  handler:
    async () =>
    async ({ ids }, ctx) => {
      for (const id of ids) await ctx.enqueue(flaky, { id, failTimes: 0, retryable: true });
      return { queued: ids.length };
    },
});

let t: TestDatabase;
let worker: Worker;
const events: JobEvent[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  expect(loads).toBe(0);
  worker = await startWorker({
    services: {} as JobServices,
    databaseUrl: t.url,
    registry: [flaky, fanOut],
    schedules: false,
    pollingIntervalSeconds: 0.5,
    onJob: (event) => events.push(event),
  });
});
afterAll(async () => {
  await worker?.stop({ timeoutMs: 5_000 });
  await t?.drop();
});

async function settled(name: string, id: string) {
  const until = Date.now() + 30_000;
  for (;;) {
    const job = await worker.boss.getJobById(name, id);
    if (job?.state === 'completed' || job?.state === 'failed') return job;
    if (Date.now() > until) throw new Error(`job ${id} of ${name} did not finish: ${job?.state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function send(payload: z.input<typeof flaky.payload>) {
  const id = await enqueue(flaky, payload, { boss: worker.boss });
  if (!id) throw new Error('not queued');
  return settled(flaky.name, id);
}

describe('startWorker', () => {
  it('loads a handler on its first job only, then retries a retryable error until it passes', async () => {
    expect(loads).toBe(0);
    const job = await send({ id: 'a', failTimes: 2, retryable: true });
    expect(job).toMatchObject({ state: 'completed', retryCount: 2, output: { attempts: 3 } });
    expect(calls.filter((c) => c.startsWith('a#'))).toEqual(['a#0', 'a#1', 'a#2']);
    expect(events.filter((e) => e.error).map((e) => e.willRetry)).toEqual([true, true]);
    await send({ id: 'b', failTimes: 0, retryable: true });
    expect(loads).toBe(1);
  });

  it('fails a retryable error for good once its retries are used up', async () => {
    const job = await send({ id: 'c', failTimes: 9, retryable: true });
    expect(job).toMatchObject({ state: 'failed', retryCount: 2 });
    expect(calls.filter((c) => c.startsWith('c#'))).toHaveLength(3);
  });

  it('completes a job whose error is not retryable at once, saying so', async () => {
    const job = await send({ id: 'd', failTimes: 9, retryable: false });
    expect(job).toMatchObject({
      state: 'completed',
      retryCount: 0,
      output: { status: 'failed', retryable: false, error: 'd failed' },
    });
    expect(calls.filter((c) => c.startsWith('d#'))).toEqual(['d#0']);
    expect(events.at(-1)).toMatchObject({ queue: 'probe-flaky', willRetry: false });
  });

  it("lets a handler queue jobs on the worker's pg-boss", async () => {
    const id = await enqueue(fanOut, { ids: ['e', 'f'] }, { boss: worker.boss });
    expect(await settled(fanOut.name, id ?? '')).toMatchObject({ output: { queued: 2 } });
    const until = Date.now() + 30_000;
    while (!(calls.includes('e#0') && calls.includes('f#0'))) {
      if (Date.now() > until) throw new Error(`fanned-out jobs did not run: ${calls.join(' ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});

describe('a busy queue', () => {
  it('is drained without waiting the polling interval between jobs', async () => {
    const ran: number[] = [];
    const drain = defineJob({
      name: 'probe-drain',
      payload: z.object({ n: z.number() }),
      queue,
      handler:
        async () =>
        async ({ n }) => {
          ran.push(n);
        },
    });
    const ids = await Promise.all(
      [1, 2, 3, 4].map((n) => enqueue(drain, { n }, { boss: worker.boss })),
    );
    // One handler, polling every 60 s: pg-boss alone would sleep a minute after each job.
    const started = Date.now();
    const drainer = await startWorker({
      services: {} as JobServices,
      databaseUrl: t.url,
      registry: [drain],
      schedules: false,
      pollingIntervalSeconds: 60,
    });
    try {
      for (const id of ids) await settled(drain.name, id ?? '');
      expect(ran.sort()).toEqual([1, 2, 3, 4]);
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      await drainer.stop({ timeoutMs: 5_000 });
    }
  });
});

describe('enqueue without a pg-boss of its own', () => {
  it("uses the process's instance on DATABASE_URL and creates the job's queue first", async () => {
    const other = defineJob({
      name: 'probe-unworked',
      payload: z.object({ n: z.number() }),
      // `short`: at most one queued job per singleton key (`standard` ignores the key).
      queue: { ...queue, policy: 'short' },
      singletonKey: ({ n }) => `n-${n}`,
      handler: async () => async () => undefined,
    });
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = t.url;
    resetEnvCache();
    try {
      const id = await enqueue(other, { n: 1 });
      expect(id).not.toBeNull();
      expect(await enqueue(other, { n: 1 })).toBeNull();
      expect(await worker.boss.getJobById(other.name, id ?? '')).toMatchObject({
        state: 'created',
        data: { n: 1 },
        singletonKey: 'n-1',
        retryLimit: 2,
      });
    } finally {
      await stopBoss();
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
      resetEnvCache();
    }
  });
});

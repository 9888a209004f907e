import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseEnv } from '@/lib/env';
import { enqueue } from '@/lib/jobs/enqueue';
import { JobPayloadError } from '@/lib/jobs/errors';
import { jobRegistry } from '@/lib/jobs/registry';
import { startWorker, type Worker } from '@/lib/jobs/start-worker';
import type { JobServices } from '@/lib/jobs/types';
import { createTestDatabase, type TestDatabase } from '@/tests/db';

// No handler runs in this file: every job sent here is refused by its payload schema before its
// handler is even loaded, so the worker needs no sync context.
const NO_SERVICES = {} as JobServices;
const settings = parseEnv({
  SYNC_CONCURRENCY: '3',
  SYNC_INCREMENTAL_EVERY_MINUTES: '720',
  SYNC_FULL_CRON: '0 3 1 1 *',
});

let t: TestDatabase;
let worker: Worker;
// Every pg-boss instance lib/jobs creates, watched for the queues its worker handlers serve.
const created = vi.hoisted(() => ({ workedQueues: [] as string[] }));
vi.mock('@/lib/jobs/boss', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/jobs/boss')>();
  return {
    ...original,
    createBoss: async (options: Parameters<typeof original.createBoss>[0]) => {
      const boss = await original.createBoss(options);
      const work = boss.work.bind(boss) as (...args: unknown[]) => Promise<string>;
      boss.work = ((name: string, ...rest: unknown[]) => {
        created.workedQueues.push(name);
        return work(name, ...rest);
      }) as typeof boss.work;
      return boss;
    },
  };
});

beforeAll(async () => {
  t = await createTestDatabase();
  worker = await startWorker({
    services: NO_SERVICES,
    databaseUrl: t.url,
    settings,
    pollingIntervalSeconds: 0.5,
  });
});
afterAll(async () => {
  await worker?.stop({ timeoutMs: 5_000 });
  await t?.drop();
});

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the job registry', () => {
  it('names every job once, and the worker refuses a registry that does not', async () => {
    const names = jobRegistry.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    // The sync's queue names are part of deployed databases: they never change.
    expect(names).toEqual(
      expect.arrayContaining([
        'sync-location',
        'sync-agency',
        'sync-agency-incremental',
        'sync-agency-full',
      ]),
    );
    const [first] = jobRegistry;
    if (!first) throw new Error('empty registry');
    await expect(
      startWorker({
        services: NO_SERVICES,
        databaseUrl: t.url,
        settings,
        registry: [first, first],
      }),
    ).rejects.toThrow(`Two job definitions are named "${first.name}"`);
  });

  it('validates every payload: enqueue throws an error naming the job and queues nothing', async () => {
    for (const definition of jobRegistry) {
      const sent = enqueue(definition, { locationId: '' } as never, { boss: worker.boss });
      await expect(sent).rejects.toBeInstanceOf(JobPayloadError);
      await expect(sent).rejects.toThrow(`Invalid payload for job "${definition.name}": `);
    }
    const [{ count }] = await t.db.$queryRaw<[{ count: number }]>`
      SELECT count(*)::int AS count FROM pgboss.job`;
    expect(count).toBe(0);
  });
});

describe('the worker started from the registry', () => {
  it("creates exactly the registry's queues, with each definition's retry and expiry policy", async () => {
    // pg-boss's own queues (__pgboss__send-it for the cron) aside.
    const queues = await t.db.$queryRaw<Array<Record<string, unknown>>>`
      SELECT name, policy, retry_limit AS "retryLimit", retry_delay AS "retryDelay",
        retry_backoff AS "retryBackoff", expire_seconds AS "expireInSeconds"
      FROM pgboss.queue WHERE NOT starts_with(name, '__pgboss__')`;
    const byName = (a: { name?: unknown }, b: { name?: unknown }) =>
      String(a.name).localeCompare(String(b.name));
    expect(queues.sort(byName)).toEqual(
      jobRegistry.map((d) => ({ name: d.name, ...d.queue })).sort(byName),
    );
  });

  it("works every registry queue with the definition's concurrency, and nothing else", () => {
    const calls = [...created.workedQueues];
    const expected = jobRegistry.flatMap((d) =>
      Array.from({ length: d.concurrency(settings) }, () => d.name),
    );
    expect(calls.sort()).toEqual(expected.sort());
    // SYNC_CONCURRENCY location handlers, one per agency queue.
    const count = (name: string) => calls.filter((c) => c === name).length;
    expect(count('sync-location')).toBe(3);
    expect(['sync-agency', 'sync-agency-incremental', 'sync-agency-full'].map(count)).toEqual([
      1, 1, 1,
    ]);
  });

  it('installs the schedules from the settings (SYNC_INCREMENTAL_EVERY_MINUTES, SYNC_FULL_CRON, UTC)', async () => {
    const schedules = await t.db.$queryRaw<Array<Record<string, unknown>>>`
      SELECT name, cron, timezone AS tz, data, options->>'singletonKey' AS "singletonKey"
      FROM pgboss.schedule`;
    expect(schedules.map((row) => [row.name, row.cron]).sort()).toEqual(
      jobRegistry
        .flatMap((d) => {
          const schedule = d.schedule(settings);
          return schedule ? [[d.name, schedule.cron]] : [];
        })
        .sort(),
    );
    expect(schedules).toEqual(
      expect.arrayContaining([
        {
          name: 'sync-agency-full',
          cron: '0 3 1 1 *',
          tz: 'UTC',
          data: { mode: 'full', trigger: 'schedule' },
          singletonKey: 'agency-full',
        },
        {
          name: 'sync-agency-incremental',
          cron: '0 */12 * * *',
          tz: 'UTC',
          data: { mode: 'incremental', trigger: 'schedule' },
          singletonKey: 'agency-incremental',
        },
      ]),
    );
  });

  it('serves every queue: a malformed job is taken, refused unretried, and names its job', async () => {
    const sent = new Map<string, string>();
    for (const definition of jobRegistry) {
      const id = await worker.boss.send(definition.name, { bogus: true });
      if (!id) throw new Error(`not queued: ${definition.name}`);
      sent.set(definition.name, id);
    }
    for (const [name, id] of sent) {
      const job = await waitFor(
        () => worker.boss.getJobById(name, id),
        (j) => j?.state === 'completed' || j?.state === 'failed',
      );
      expect(job).toMatchObject({
        state: 'completed',
        retryCount: 0,
        output: { status: 'failed', retryable: false },
      });
      expect((job?.output as { error: string }).error).toMatch(
        new RegExp(`^Invalid payload for job "${name}": `),
      );
    }
  });
});

import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/tests/db';

// Why the sync jobs (lib/jobs/definitions/sync) use policy 'short' + an advisory lock instead of 'singleton'/'stately':
// pg-boss 10.4 refuses (unique index) to activate a job whose key is already active, the fetch
// swallows that error and returns nothing, so one busy location blocks every other job.
let t: TestDatabase;
let boss: PgBoss;
beforeAll(async () => {
  t = await createTestDatabase();
  boss = new PgBoss({ connectionString: t.url, supervise: false, schedule: false });
  await boss.start();
});
afterAll(async () => {
  await boss.stop({ graceful: false, wait: true });
  await t.drop();
});

async function fetchAfterBusyKey(policy: 'stately' | 'singleton' | 'short') {
  const queue = `probe-${policy}`;
  await boss.createQueue(queue, { name: queue, policy });
  await boss.send(queue, {}, { singletonKey: 'A' });
  expect(await boss.fetch(queue)).toHaveLength(1); // A is now active
  const queuedA = await boss.send(queue, {}, { singletonKey: 'A' });
  const duplicateA = await boss.send(queue, {}, { singletonKey: 'A' });
  await boss.send(queue, {}, { singletonKey: 'B' });
  const fetched = await boss.fetch(queue, { batchSize: 5 });
  return { queuedA, duplicateA, fetched: fetched.length };
}

describe('pg-boss 10 queue policies (head-of-line blocking)', () => {
  it('stately and singleton starve other keys while one key is active', async () => {
    expect((await fetchAfterBusyKey('stately')).fetched).toBe(0);
    expect((await fetchAfterBusyKey('singleton')).fetched).toBe(0);
  });

  it('short deduplicates queued jobs per key and keeps fetching the others', async () => {
    const short = await fetchAfterBusyKey('short');
    expect(short.queuedA).not.toBeNull();
    expect(short.duplicateA).toBeNull();
    expect(short.fetched).toBe(2);
  });
});

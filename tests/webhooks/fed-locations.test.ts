import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locationsFedByWebhooks } from '@/lib/sync/locations-fed-by-webhooks';
import { pruneWebhookEvents } from '@/lib/sync/prune-webhook-events';
import { createTestDatabase, type TestDatabase } from '@/tests/db';

let t: TestDatabase;
const now = new Date('2026-11-29T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

beforeAll(async () => {
  t = await createTestDatabase();
  // fed: synced 20 min ago, webhook 5 min ago. stale: webhook, but last sync 60 min ago.
  // quiet: synced recently, no webhook. old-hook: its last webhook is 40 min old.
  for (const [id, syncedAgo] of [
    ['fed', 20],
    ['stale', 60],
    ['quiet', 5],
    ['old-hook', 5],
  ] as const)
    await t.db.location.create({
      data: { id, companyId: 'c', name: id, timezone: 'UTC', lastSyncedAt: minutesAgo(syncedAgo) },
    });
  for (const [id, location, ago] of [
    ['w1', 'fed', 5],
    ['w2', 'stale', 5],
    ['w3', 'old-hook', 40],
    ['w4', 'fed', 60 * 30],
  ] as const)
    await t.db.webhookEvent.create({
      data: {
        webhookId: id,
        locationId: location,
        type: 'ContactUpdate',
        eventAt: minutesAgo(ago),
        receivedAt: minutesAgo(ago),
      },
    });
});
afterAll(async () => t?.drop());

describe('webhook-fed locations', () => {
  it('a scheduled tick skips only locations whose webhooks flow and whose last sync is recent', async () => {
    const fed = await locationsFedByWebhooks(t.db, ['fed', 'stale', 'quiet', 'old-hook'], now, 15);
    expect([...fed]).toEqual(['fed']);
  });

  it('forgets webhook ids older than a day', async () => {
    expect(await pruneWebhookEvents(t.db, now)).toBe(1);
    expect((await t.db.webhookEvent.findMany()).map((w) => w.webhookId).sort()).toEqual([
      'w1',
      'w2',
      'w3',
    ]);
  });
});

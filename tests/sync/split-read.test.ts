import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpFetch, type HttpFetch } from '@/lib/ghl/http';
import { progressSchema } from '@/lib/sync/checkpoints';
import { runSync } from '@/lib/sync/run-sync';
import { createHarness, type SyncHarness } from './helpers';
import { crashAt, expectExactCache, resetCache, resumeSync, simLocation } from './kill-and-resume';

// One large location (split reads: contacts 12 pages, opportunities 10 (one cursor per status), transactions 12), a
// small one (never split) and one whose opportunities are read from both ends (35 pages).
const SIZES = (index: number) =>
  index === 0
    ? { contacts: 6_000, opportunities: 1_000, transactions: 1_200, orders: 3, subscriptions: 2 }
    : index === 1
      ? { contacts: 20, opportunities: 5, transactions: 2, orders: 1, subscriptions: 1 }
      : { contacts: 20, opportunities: 3_500, transactions: 2, orders: 1, subscriptions: 1 };

let h: SyncHarness;
beforeAll(async () => {
  h = await createHarness({ mode: 'seed', locations: 3, sizes: SIZES, latencyMs: 5 });
});
afterAll(async () => {
  await h.close();
});

const loc = (index: number) => simLocation(h, index);
const loc0 = () => loc(0);

/** Requests to the search/list endpoints, the ones a split read spreads over several cursors. */
function listRequests(): Record<string, number> {
  const { byEndpoint } = h.sim.stats();
  return {
    contacts: byEndpoint['contacts.search'] ?? 0,
    opportunities: byEndpoint['opportunities.search'] ?? 0,
    transactions: byEndpoint['payments.transactions'] ?? 0,
  };
}

describe('several cursors per entity for a large location', () => {
  let oneCursor: Record<string, number> = {};
  /** Opportunities requests of an uninterrupted split read of the large location. */
  let splitOpportunities = 0;

  it('reads the large location exactly with one cursor per entity (the baseline)', async () => {
    await resetCache(h);
    h.sim.resetStats();
    const runtime = await h.runtime();
    runtime.ctx.cursorsPerEntity = 1;
    const result = await runSync(runtime.ctx, { mode: 'full', concurrency: 1, trigger: 'test' });
    expect(result.status).toBe('ok');
    oneCursor = listRequests();
    // 12 contacts pages plus an empty 13th, 10 opportunities pages, 12 transactions pages; one
    // page each of the small location; 35 opportunities pages of the third.
    expect(oneCursor).toEqual({
      contacts: 13 + 1 + 1,
      opportunities: 10 + 1 + 35,
      transactions: 12 + 1 + 1,
    });
    await expectExactCache(h, loc0().id);
  });

  it('splits each large read into several cursors: same records, hardly more requests than one cursor', async () => {
    await resetCache(h);
    h.sim.resetStats();
    const lanes: Record<string, string[]> = {};
    const runtime = await h.runtime({
      onPage: async (e) => {
        if (e.locationId === loc(1).id || e.pages !== 2) return;
        const cp = await h.db.syncCheckpoint.findUniqueOrThrow({
          where: { locationId_entity: { locationId: e.locationId, entity: e.entity } },
        });
        const at = e.locationId === loc0().id ? e.entity : `${e.entity} (both ends)`;
        lanes[at] = progressSchema.parse(cp.cursor).lanes?.map((l) => l.key) ?? [];
      },
    });
    const result = await runSync(runtime.ctx, { mode: 'full', concurrency: 2, trigger: 'test' });
    expect(result.status).toBe('ok');
    expect(lanes.opportunities).toEqual([
      'status:open',
      'status:won',
      'status:lost',
      'status:abandoned',
    ]);
    expect(lanes.contacts).toEqual(['added:0', 'added:1']);
    expect(lanes.transactions).toEqual(['offset:100', 'offset:700']);
    // The statuses with many pages left (by the first page's sample) are read from both ends.
    expect(lanes['opportunities (both ends)']).toEqual(
      expect.arrayContaining([
        ...['open', 'won', 'lost', 'abandoned'].map((s) => `status:${s}`),
        'status:open:asc',
      ]),
    );
    const split = listRequests();
    // No page read twice: at most one more per lane (its last page may be empty or short).
    expect(split.contacts).toBeLessThanOrEqual((oneCursor.contacts ?? 0) + 1);
    // (The two cursors of a status read at most a page each past the point where they meet.)
    expect(split.opportunities).toBeLessThanOrEqual((oneCursor.opportunities ?? 0) + 3 + 3 + 4 * 2);
    expect(split.transactions).toBe(oneCursor.transactions);
    expect(h.sim.stats().rateLimited).toBe(0);
    const entities = result.locations.find((l) => l.locationId === loc0().id)?.entities;
    expect(entities?.find((e) => e.entity === 'contacts')?.records).toBe(6_000);
    expect(entities?.find((e) => e.entity === 'opportunities')?.records).toBe(1_000);
    expect(entities?.find((e) => e.entity === 'transactions')?.records).toBe(1_200);
    for (const index of [0, 1, 2]) await expectExactCache(h, loc(index).id);
  });

  it('a crash mid-split resumes every cursor from its own committed page: nothing lost, nothing read twice', async () => {
    // What an uninterrupted split read of the large location's opportunities costs.
    await resetCache(h);
    h.sim.resetStats();
    const clean = await h.runtime();
    await runSync(clean.ctx, {
      mode: 'full',
      concurrency: 1,
      locationId: loc0().id,
      trigger: 'test',
    });
    splitOpportunities = listRequests().opportunities ?? 0;
    await resetCache(h);
    const cp = await crashAt(h, {
      entity: 'opportunities',
      mode: 'full',
      locationId: loc0().id,
      page: 7,
    });
    const progress = progressSchema.parse(cp.cursor);
    // Other cursors may have committed a page while the crashing one threw.
    expect(progress.pages).toBeGreaterThanOrEqual(7);
    expect(progress.lanes).toHaveLength(4);
    expect(cp.recordsSeen).toBe(await h.db.opportunity.count({ where: { locationId: loc0().id } }));

    const result = await resumeSync(h, { mode: 'full', locationId: loc0().id });
    expect(result.status).toBe('ok');
    // Every record counted once: the pages before the crash plus the rest, none twice.
    expect(result.locations[0]?.entities.find((e) => e.entity === 'opportunities')).toMatchObject({
      status: 'ok',
      resumed: true,
      records: 1_000,
    });
    // Exactly the pages not committed before the crash were requested, none of the others.
    expect(listRequests().opportunities).toBe(splitOpportunities - progress.pages);
    expect(h.sim.stats().byEndpoint['opportunities.get'] ?? 0).toBe(0);
    await expectExactCache(h, loc0().id);
  });

  it('a split full read re-reads by id what no cursor listed before deleting: moved records stay, deleted ones go', async () => {
    // The cache is complete (previous test). One deal is deleted upstream; another is hidden from
    // every list response, as if it had moved between two status cursors mid-read.
    const gone = h.sim.mutate(loc0().id, { delete: { opportunities: 1 } }).deleted.opportunities;
    const oldestWon = h.sim.world
      .records(loc0().id, 'opportunities')
      .filter((o) => 'status' in o && o.status === 'won')
      .map((o) => ('createdAt' in o ? { id: String(o.id), at: String(o.createdAt) } : null))
      .filter((o) => o !== null)
      .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))[0];
    expect(gone).toHaveLength(1);
    expect(oldestWon).toBeDefined();
    const hiding: HttpFetch = async (url, init) => {
      const response = await nodeHttpFetch(url, init);
      if (!url.includes('/opportunities/search')) return response;
      const text = await response.text();
      const body = JSON.parse(text) as { opportunities: Array<{ id: string }> };
      body.opportunities = body.opportunities.filter((o) => o.id !== oldestWon?.id);
      return { ...response, headers: response.headers, text: async () => JSON.stringify(body) };
    };
    h.sim.resetStats();
    const runtime = await h.runtime({}, { fetch: hiding });
    const started = new Date();
    const result = await runSync(runtime.ctx, {
      mode: 'full',
      concurrency: 1,
      locationId: loc0().id,
      trigger: 'test',
    });
    expect(result.status).toBe('ok');
    expect(h.sim.stats().byEndpoint['opportunities.get']).toBe(2);
    const kept = await h.db.opportunity.findUniqueOrThrow({
      where: { locationId_id: { locationId: loc0().id, id: oldestWon!.id } },
    });
    expect(kept.seenAt.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1_000);
    expect(result.locations[0]?.entities.find((e) => e.entity === 'opportunities')?.deleted).toBe(
      1,
    );
    await expectExactCache(h, loc0().id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GhlClient, GhlLocation } from '@/lib/ghl/client';
import { agencyOnlyResolver } from '@/lib/ghl/credentials';
import { withDefaults } from '@/lib/sync/context';
import { discoverLocations } from '@/lib/sync/discover-locations';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { seedContacts } from '@/tests/metrics/seed';

const loc = (id: string, name: string, timezone: string | null = null): GhlLocation => ({
  id,
  name,
  timezone,
  companyId: null,
});

// Discovery against a scripted agency listing (the simulator's locations never change zone).
function fakeGhl(listing: () => GhlLocation[], details: Record<string, GhlLocation> = {}) {
  const calls = { getLocation: [] as string[] };
  const ghl = {
    async *searchLocations() {
      yield { items: listing(), next: null };
    },
    async getLocation(id: string) {
      calls.getLocation.push(id);
      const record = details[id];
      if (!record) throw new Error(`unexpected getLocation(${id})`);
      return record;
    },
  } as unknown as GhlClient;
  return { ghl, calls };
}

describe('discoverLocations', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.drop());

  const context = (ghl: GhlClient) =>
    withDefaults({
      db: t.db,
      ghl,
      credentials: agencyOnlyResolver('agency-token', 'comp_1'),
      databaseUrl: t.url,
    });

  it('fetches the location record only when the search result has no timezone', async () => {
    const { ghl, calls } = fakeGhl(() => [loc('loc_a', 'A', 'Asia/Kolkata'), loc('loc_b', 'B')], {
      loc_b: loc('loc_b', 'B', 'America/St_Johns'),
    });
    const result = await discoverLocations(context(ghl));
    expect(calls.getLocation).toEqual(['loc_b']);
    expect(result.locations.map((l) => [l.id, l.timezone])).toEqual([
      ['loc_a', 'Asia/Kolkata'],
      ['loc_b', 'America/St_Johns'],
    ]);
  });

  it('refuses to guess a zone GHL does not give', async () => {
    const { ghl } = fakeGhl(() => [loc('loc_c', 'C')], { loc_c: loc('loc_c', 'C') });
    await expect(discoverLocations(context(ghl))).rejects.toThrow(/no timezone for location loc_c/);
  });

  it('re-buckets the daily rollups when a location changes timezone', async () => {
    let zone = 'UTC';
    const { ghl } = fakeGhl(() => [loc('loc_tz', 'TZ', zone)]);
    await discoverLocations(context(ghl));
    // 20:00Z on the 1st is the 1st in UTC but the 2nd in Asia/Kolkata (+05:30).
    await seedContacts(t.db, 'loc_tz', ['2026-03-01T20:00:00Z']);
    await recomputeDailyRollups(t.db, 'loc_tz', 'all');
    const days = async () =>
      (
        await t.db.dailyRollup.findMany({ where: { locationId: 'loc_tz', newContacts: { gt: 0 } } })
      ).map((r) => r.day.toISOString().slice(0, 10));
    expect(await days()).toEqual(['2026-03-01']);

    zone = 'Asia/Kolkata';
    await discoverLocations(context(ghl));
    expect((await t.db.location.findUniqueOrThrow({ where: { id: 'loc_tz' } })).timezone).toBe(
      'Asia/Kolkata',
    );
    expect(await days()).toEqual(['2026-03-02']);
  });
});

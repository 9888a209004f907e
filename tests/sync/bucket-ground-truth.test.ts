import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketSeries, type Granularity } from '@/lib/metrics/bucket-series';
import { getDailySeries } from '@/lib/metrics/get-daily-series';
import { runSync } from '@/lib/sync/run-sync';
import { createHarness, type SyncHarness } from './helpers';
import { localDay } from '@/tests/local-day';

// The charts' week and month buckets after a real sync must equal what this file computes from
// the simulator's own records with Intl (not PostgreSQL, not lib/metrics): each fact's local
// calendar day in its location's zone, then the Monday of its week or the first of its month. The
// period crosses the daylight-saving changes of every seeded zone that has them (Auckland in April
// and September, London in March and October, New York in March and November…).

const SIZES = () => ({
  contacts: 90,
  opportunities: 45,
  transactions: 45,
  orders: 3,
  subscriptions: 4,
});
const PAID = new Set(['succeeded', 'refunded', 'partially_refunded']);
const FROM = '2025-11-01';
const TO = '2026-10-31';

const WEEKDAY = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short' });
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The first day of the bucket a local day falls in (Monday, or the 1st of the month). */
function bucketStart(day: string, granularity: Granularity): string {
  if (granularity === 'month') return `${day.slice(0, 7)}-01`;
  const noon = new Date(`${day}T12:00:00Z`);
  const back = WEEKDAYS.indexOf(WEEKDAY.format(noon));
  return new Date(noon.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

const units = (value: number | string) => Math.round(Number(value) * 10_000);

type Truth = {
  contacts: Map<string, number>;
  created: Map<string, number>;
  net: Map<string, number>;
};

/** Bucket → count (and currency|bucket → net in 1/10,000) over the given locations. */
function truth(sim: SyncHarness['sim'], granularity: Granularity): Truth {
  const result: Truth = { contacts: new Map(), created: new Map(), net: new Map() };
  const add = (map: Map<string, number>, key: string, by: number) =>
    map.set(key, (map.get(key) ?? 0) + by);
  for (const location of sim.world.locations) {
    const inPeriod = (iso: string | null | undefined): string | null => {
      if (!iso) return null;
      const day = localDay(iso, location.timezone);
      return day >= FROM && day <= TO ? bucketStart(day, granularity) : null;
    };
    for (const contact of sim.world.contacts(location.id)) {
      const bucket = inPeriod(contact.dateAdded);
      if (bucket) add(result.contacts, bucket, 1);
    }
    for (const opportunity of sim.world.opportunities(location.id)) {
      const bucket = inPeriod(opportunity.createdAt);
      if (bucket) add(result.created, bucket, 1);
    }
    for (const t of sim.world.transactions(location.id)) {
      if (!t.liveMode || !PAID.has(String(t.status))) continue;
      const bucket = inPeriod(t.createdAt);
      if (!bucket) continue;
      const key = `${String(t.currency).toUpperCase()}|${bucket}`;
      add(result.net, key, units(t.amount) - units(t.amountRefunded ?? 0));
    }
  }
  return result;
}

/** The non-zero entries of a map, sorted, so both sides compare as plain lists. */
const nonZero = (map: Map<string, number>) =>
  [...map].filter(([, value]) => value !== 0).sort(([a], [b]) => (a < b ? -1 : 1));

describe('week and month chart buckets after a sync equal the simulator ground truth', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await createHarness({ mode: 'seed', seed: 1, locations: 12, sizes: SIZES });
    const runtime = await h.runtime();
    const result = await runSync(runtime.ctx, { mode: 'full', concurrency: 4, trigger: 'test' });
    await runtime.close();
    expect(result.status).toBe('ok');
  }, 600_000);
  afterAll(async () => h?.close());

  it('covers zones with daylight saving on both hemispheres', () => {
    const zones = h.sim.world.locations.map((l) => l.timezone);
    expect(zones).toEqual(expect.arrayContaining(['Pacific/Auckland']));
    const withDst = zones.filter((zone) => {
      const offset = (month: string) =>
        new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
          .format(new Date(`2026-${month}-15T12:00:00Z`))
          .split(' ')
          .at(-1);
      return offset('01') !== offset('07');
    });
    expect(withDst.length).toBeGreaterThanOrEqual(2);
  });

  for (const granularity of ['week', 'month'] as const) {
    it(`matches new contacts, opportunities and net payments per currency by ${granularity}`, async () => {
      const series = bucketSeries(await getDailySeries(h.db, { from: FROM, to: TO }), granularity);
      const expected = truth(h.sim, granularity);
      const actual: Truth = { contacts: new Map(), created: new Map(), net: new Map() };
      for (const point of series.counts) {
        actual.contacts.set(point.bucket.start, point.newContacts ?? Number.NaN);
        actual.created.set(point.bucket.start, point.opportunitiesCreated ?? Number.NaN);
      }
      for (const { currency, points } of series.currencies)
        for (const point of points)
          actual.net.set(`${currency}|${point.bucket.start}`, units(point.net));

      expect(nonZero(actual.contacts)).toEqual(nonZero(expected.contacts));
      expect(nonZero(actual.created)).toEqual(nonZero(expected.created));
      expect(nonZero(actual.net)).toEqual(nonZero(expected.net));
      // The data really spreads over many buckets, and the period's ends cut partial ones.
      expect(nonZero(expected.contacts).length).toBeGreaterThan(granularity === 'week' ? 20 : 6);
      expect(series.counts[0]!.bucket.from).toBe(FROM);
      expect(series.counts.at(-1)!.bucket.to).toBe(TO);
    });
  }
});

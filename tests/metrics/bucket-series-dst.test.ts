import { describe, expect, it } from 'vitest';
import { bucketSeries } from '@/lib/metrics/bucket-series';
import { getDailySeries } from '@/lib/metrics/get-daily-series';
import { recomputeDailyRollups } from '@/lib/sync/rollups/recompute-daily-rollups';
import { useTestDatabase } from '@/tests/db';
import { seedContacts, seedLocation, seedTransactions } from '@/tests/metrics/seed';
import { localDay } from '@/tests/local-day';

// Week and month buckets of the stored series against what this file computes with Intl (not
// PostgreSQL, not lib/metrics) from the instants themselves: each fact's local calendar day in its
// location's zone, then the Monday of that day's week and its month. The instants sit on the
// edges that daylight saving moves: a fixed UTC offset, or UTC itself, would put each one in the
// neighbouring week or month.

const t = useTestDatabase();

const LONDON = 'Europe/London';
const NEW_YORK = 'America/New_York';

const CONTACTS: Record<string, string[]> = {
  [LONDON]: [
    '2026-03-29T22:59:00Z', // Sun Mar 29, 23:59 BST (the clocks went forward that morning)
    '2026-03-29T23:30:00Z', // Mon Mar 30, 00:30 BST: the next week
    '2026-03-31T23:30:00Z', // Wed Apr 1, 00:30 BST: April
    '2026-10-25T23:30:00Z', // Sun Oct 25, 23:30 GMT (the clocks went back): still that week
    '2026-10-31T23:30:00Z', // Sat Oct 31, 23:30 GMT: still October
  ],
  [NEW_YORK]: [
    '2026-03-09T03:30:00Z', // Sun Mar 8, 23:30 EDT (clocks forward that night)
    '2026-03-09T04:30:00Z', // Mon Mar 9, 00:30 EDT: the next week
    '2026-11-02T04:30:00Z', // Sun Nov 1, 23:30 EST (clocks back that morning)
    '2026-11-02T05:30:00Z', // Mon Nov 2, 00:30 EST: the next week
    '2026-12-01T04:30:00Z', // Mon Nov 30, 23:30 EST: November
    '2027-01-01T03:00:00Z', // Thu Dec 31, 22:00 EST: 2026, in the week that ends on Jan 3
  ],
};

const FROM = '2026-03-01';
const TO = '2027-01-05';

/** The Monday on or before a calendar day, by Intl's weekday of that day's noon UTC. */
function mondayOf(day: string): string {
  const noon = new Date(`${day}T12:00:00Z`);
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short' }).format(
    noon,
  );
  const back = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(weekday);
  return new Date(noon.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

function tally(key: (day: string) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [zone, instants] of Object.entries(CONTACTS))
    for (const instant of instants) {
      const bucket = key(localDay(instant, zone));
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    }
  return counts;
}

async function seed() {
  for (const [id, timezone] of [
    ['b_lon', LONDON],
    ['b_nyc', NEW_YORK],
  ] as const) {
    await seedLocation(t.db, { id, timezone });
    await seedContacts(t.db, id, CONTACTS[timezone]!);
    await seedTransactions(
      t.db,
      id,
      CONTACTS[timezone]!.map((createdAt, i) => ({
        createdAt,
        amount: `${i + 1}.25`,
        currency: timezone === LONDON ? 'GBP' : 'USD',
      })),
    );
    await recomputeDailyRollups(t.db, id, 'all');
  }
}

describe('week and month buckets across daylight saving (Europe/London, America/New_York)', () => {
  it('puts every fact in the week and month of its own local day', async () => {
    await seed();
    const daily = await getDailySeries(t.db, {
      from: FROM,
      to: TO,
      locationIds: ['b_lon', 'b_nyc'],
    });

    const weeks = bucketSeries(daily, 'week');
    const byWeek = new Map(
      weeks.counts.filter((p) => p.newContacts).map((p) => [p.bucket.start, p.newContacts]),
    );
    expect(byWeek).toEqual(tally(mondayOf));
    // Spelled out, the edges that a UTC or fixed-offset bucketing gets wrong:
    expect(byWeek.get('2026-03-23')).toBe(1); // London Sun 23:59 BST
    expect(byWeek.get('2026-03-30')).toBe(2); // London Mon 00:30 BST + Wed Apr 1
    expect(byWeek.get('2026-03-02')).toBe(1); // New York Sun 23:30 EDT
    expect(byWeek.get('2026-03-09')).toBe(1); // New York Mon 00:30 EDT
    expect(byWeek.get('2026-10-19')).toBe(1); // London Sun 23:30 GMT
    expect(byWeek.get('2026-10-26')).toBe(2); // London Sat Oct 31 + New York Sun Nov 1 23:30 EST
    expect(byWeek.get('2026-12-28')).toBe(1); // New York Dec 31, 2026
    // The period starts on a Sunday and ends on a Tuesday: both end weeks are partial.
    expect(weeks.counts[0]!.bucket).toMatchObject({ start: '2026-02-23', from: FROM, days: 1 });
    expect(weeks.counts.at(-1)!.bucket).toMatchObject({
      start: '2027-01-04',
      to: TO,
      days: 2,
      isPartial: true,
    });

    const months = bucketSeries(daily, 'month');
    const byMonth = new Map(
      months.counts.filter((p) => p.newContacts).map((p) => [p.bucket.start, p.newContacts]),
    );
    expect(byMonth).toEqual(tally((day) => `${day.slice(0, 7)}-01`));
    expect(byMonth.get('2026-04-01')).toBe(1);
    expect(byMonth.get('2026-10-01')).toBe(2);
    expect(byMonth.get('2026-11-01')).toBe(3);
    expect(byMonth.get('2026-12-01')).toBe(1);
  });

  it('sums each currency in its own buckets, never across currencies', async () => {
    const daily = await getDailySeries(t.db, {
      from: FROM,
      to: TO,
      locationIds: ['b_lon', 'b_nyc'],
    });
    const months = bucketSeries(daily, 'month');
    const net = (currency: string) =>
      Object.fromEntries(
        months.currencies
          .find((c) => c.currency === currency)!
          .points.filter((p) => p.paymentsCount > 0)
          .map((p) => [p.bucket.start, p.net]),
      );
    // London (GBP): 1.25 + 2.25 on Mar 29/30, 3.25 in April, 4.25 + 5.25 in October.
    expect(net('GBP')).toEqual({
      '2026-03-01': '3.50',
      '2026-04-01': '3.25',
      '2026-10-01': '9.50',
    });
    // New York (USD): Mar 8 and 9; Nov 1, Nov 2 and Nov 30; Dec 31.
    expect(net('USD')).toEqual({
      '2026-03-01': '3.50',
      '2026-11-01': '12.75',
      '2026-12-01': '6.25',
    });
  });
});

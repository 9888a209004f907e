import { describe, expect, it } from 'vitest';
import { bucketBounds, bucketSeries } from '@/lib/metrics/bucket-series';
import { formatBucket } from '@/lib/metrics/format-bucket';
import type { DailySeriesResult } from '@/lib/metrics/get-daily-series';
import { addDays } from '@/lib/metrics/report-range';

/** A dense series from..to where day i has `count(i)` new contacts and i+1 opportunities. */
function daily(
  from: string,
  to: string,
  count: (i: number) => number | null = () => 1,
): DailySeriesResult {
  const counts: DailySeriesResult['counts'] = [];
  for (let day = from, i = 0; day <= to; day = addDays(day, 1), i += 1) {
    counts.push({
      day,
      newContacts: count(i),
      opportunitiesCreated: i + 1,
      opportunitiesWon: 0,
      opportunitiesLost: null === count(i) ? null : 0,
    });
  }
  return {
    from,
    to,
    locations: 1,
    excluded: { contacts: 0, opportunities: 0, transactions: 0 },
    counts,
    currencies: [],
  };
}

describe('bucket bounds', () => {
  it('starts weeks on Monday, across month and year ends', () => {
    expect(bucketBounds('2026-10-05', 'week')).toEqual({ start: '2026-10-05', end: '2026-10-11' });
    expect(bucketBounds('2026-10-11', 'week')).toEqual({ start: '2026-10-05', end: '2026-10-11' });
    expect(bucketBounds('2027-01-01', 'week')).toEqual({ start: '2026-12-28', end: '2027-01-03' });
    expect(bucketBounds('2024-02-29', 'week')).toEqual({ start: '2024-02-26', end: '2024-03-03' });
    expect(bucketBounds('1969-12-31', 'week')).toEqual({ start: '1969-12-29', end: '1970-01-04' });
  });

  it('ends months on their last day, leap years included', () => {
    expect(bucketBounds('2024-02-10', 'month')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(bucketBounds('2026-02-10', 'month')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(bucketBounds('2026-12-31', 'month')).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    expect(bucketBounds('2026-12-31', 'day')).toEqual({ start: '2026-12-31', end: '2026-12-31' });
  });
});

describe('bucketSeries', () => {
  it('sums days into Monday weeks and marks the cut first and last weeks partial', () => {
    // Thu Oct 1 .. Tue Oct 13, 2026: Oct 1–4 (partial), Oct 5–11, Oct 12–13 (partial).
    const result = bucketSeries(daily('2026-10-01', '2026-10-13'), 'week');
    expect(result.counts.map((p) => [p.day, p.newContacts, p.opportunitiesCreated])).toEqual([
      ['2026-10-01', 4, 1 + 2 + 3 + 4],
      ['2026-10-05', 7, 5 + 6 + 7 + 8 + 9 + 10 + 11],
      ['2026-10-12', 2, 12 + 13],
    ]);
    expect(result.counts.map((p) => [p.bucket.days, p.bucket.isPartial])).toEqual([
      [4, true],
      [7, false],
      [2, true],
    ]);
    expect(result.counts.map((p) => formatBucket(p.bucket, 'week'))).toEqual([
      '2026-10-01 – 2026-10-04 (partial week: 4 of 7 days)',
      '2026-10-05 – 2026-10-11',
      '2026-10-12 – 2026-10-13 (partial week: 2 of 7 days)',
    ]);
    // Every day is in exactly one bucket.
    const total = (points: readonly { newContacts: number | null }[]) =>
      points.reduce((sum, p) => sum + (p.newContacts ?? 0), 0);
    expect(total(result.counts)).toBe(13);
  });

  it('sums days into calendar months across a year end and a leap February', () => {
    const result = bucketSeries(daily('2023-12-15', '2024-03-01'), 'month');
    expect(result.counts.map((p) => [p.bucket.start, p.newContacts, p.bucket.isPartial])).toEqual([
      ['2023-12-01', 17, true],
      ['2024-01-01', 31, false],
      ['2024-02-01', 29, false],
      ['2024-03-01', 1, true],
    ]);
    expect(formatBucket(result.counts[0]!.bucket, 'month')).toBe(
      'Dec 2023 (partial month: 2023-12-15 – 2023-12-31, 17 of 31 days)',
    );
    expect(formatBucket(result.counts[2]!.bucket, 'month')).toBe('Feb 2024');
    expect(formatBucket(result.counts[3]!.bucket, 'month')).toBe(
      'Mar 2024 (partial month: 2024-03-01, 1 of 31 days)',
    );
  });

  it('keeps the days as they are by day, and unavailable stays null, never 0', () => {
    const source = daily('2026-03-28', '2026-03-31', () => null);
    const byDay = bucketSeries(source, 'day');
    expect(byDay.counts.map((p) => p.day)).toEqual(source.counts.map((p) => p.day));
    expect(byDay.counts.every((p) => p.newContacts === null && !p.bucket.isPartial)).toBe(true);
    expect(bucketSeries(source, 'week').counts.map((p) => p.newContacts)).toEqual([null, null]);
  });

  it('sums money exactly within each currency, never across currencies', () => {
    const source = daily('2026-01-30', '2026-02-02');
    source.currencies = [
      {
        currency: 'JPY',
        points: source.counts.map(({ day }, i) => ({
          day,
          paymentsCount: 1,
          gross: String(1000 * (i + 1)),
          refunded: '0',
          net: String(1000 * (i + 1)),
        })),
      },
      {
        currency: 'USD',
        points: source.counts.map(({ day }) => ({
          day,
          paymentsCount: 2,
          gross: '0.10',
          refunded: '0.20',
          net: '-0.10',
        })),
      },
    ];
    const result = bucketSeries(source, 'month');
    expect(result.currencies.map((c) => [c.currency, c.points.map((p) => [p.day, p.net])])).toEqual(
      [
        [
          'JPY',
          [
            ['2026-01-30', '3000'],
            ['2026-02-01', '7000'],
          ],
        ],
        [
          'USD',
          [
            ['2026-01-30', '-0.20'],
            ['2026-02-01', '-0.20'],
          ],
        ],
      ],
    );
    expect(result.currencies[1]!.points[0]).toMatchObject({
      paymentsCount: 4,
      gross: '0.20',
      refunded: '0.40',
    });
  });
});

import { z } from 'zod';
import { sumDecimals } from '@/lib/metrics/decimal';
import { formatMoney } from '@/lib/metrics/format-money';
import type {
  DailyCountsPoint,
  DailySeriesResult,
  DailyPaymentsPoint,
} from '@/lib/metrics/get-daily-series';

/** How the charts group days (docs/metrics.md, "Chart buckets"): the dashboard's `?granularity=`. */
export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export const granularitySchema = z.enum(GRANULARITIES, {
  message: 'expected day, week or month',
});
export const DEFAULT_GRANULARITY: Granularity = 'day';

/**
 * One bucket of a period. `start`..`end` is the whole day, week (Monday to Sunday) or calendar
 * month; `from`..`to` the part of it inside the period. A bucket cut by the period's first or last
 * day is partial, and says how many of its days it holds.
 */
export type SeriesBucket = {
  start: string;
  end: string;
  from: string;
  to: string;
  /** Days of the bucket inside the period. */
  days: number;
  isPartial: boolean;
};

type CountKey = Exclude<keyof DailyCountsPoint, 'day'>;
const COUNT_KEYS: readonly CountKey[] = [
  'newContacts',
  'opportunitiesCreated',
  'opportunitiesWon',
  'opportunitiesLost',
];

/** A count bucket: `day` is its first day in the period (the x of a chart). */
export type BucketCountsPoint = DailyCountsPoint & { bucket: SeriesBucket };
/** A payments bucket in ONE currency. */
export type BucketPaymentsPoint = DailyPaymentsPoint & { bucket: SeriesBucket };

export type BucketedSeries = Omit<DailySeriesResult, 'counts' | 'currencies'> & {
  granularity: Granularity;
  counts: BucketCountsPoint[];
  currencies: { currency: string; points: BucketPaymentsPoint[] }[];
};

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayString = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The whole bucket a calendar day falls in: itself, its Monday-to-Sunday week, or its month. */
export function bucketBounds(
  day: string,
  granularity: Granularity,
): { start: string; end: string } {
  const n = dayNumber(day);
  if (!Number.isFinite(n)) throw new Error(`bucketBounds: not a day: ${day}`);
  switch (granularity) {
    case 'day':
      return { start: day, end: day };
    case 'week': {
      // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday = 0.
      const monday = n - ((((n + 3) % 7) + 7) % 7);
      return { start: dayString(monday), end: dayString(monday + 6) };
    }
    case 'month': {
      const year = Number(day.slice(0, 4));
      const month = Number(day.slice(5, 7));
      return {
        start: `${day.slice(0, 7)}-01`,
        end: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10),
      };
    }
  }
}

/** Groups consecutive items by the bucket of their day (the items are in day order). */
function groupByBucket<T extends { day: string }>(
  items: readonly T[],
  granularity: Granularity,
  period: { from: string; to: string },
): { bucket: SeriesBucket; items: T[] }[] {
  const groups: { bucket: SeriesBucket; items: T[] }[] = [];
  for (const item of items) {
    const { start, end } = bucketBounds(item.day, granularity);
    const last = groups.at(-1);
    if (last && last.bucket.start === start) {
      last.items.push(item);
      continue;
    }
    const from = start < period.from ? period.from : start;
    const to = end > period.to ? period.to : end;
    const days = dayNumber(to) - dayNumber(from) + 1;
    const bucket = { start, end, from, to, days, isPartial: from !== start || to !== end };
    groups.push({ bucket, items: [item] });
  }
  return groups;
}

/**
 * A dense daily series (`getDailySeries`) regrouped by day, week or month (docs/metrics.md, "Chart
 * buckets"). The series' days are already each location's own local days, so grouping them by
 * calendar week (Monday first) or month is the same as grouping each location's days in its own
 * time zone and adding the locations up: no instant is ever re-read, so daylight-saving changes
 * cannot move a fact between buckets. Counts are summed (null stays null: unavailable); money is
 * summed exactly within each currency's own series, never across currencies. The first and last
 * buckets are cut at the period's ends and marked partial.
 */
export function bucketSeries(series: DailySeriesResult, granularity: Granularity): BucketedSeries {
  const period = { from: series.from, to: series.to };
  const counts = groupByBucket(series.counts, granularity, period).map(({ bucket, items }) => {
    const point = { day: bucket.from, bucket } as BucketCountsPoint;
    for (const key of COUNT_KEYS) {
      const values = items.map((item) => item[key]);
      point[key] = values.every((value) => value === null)
        ? null
        : values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
    }
    return point;
  });
  const currencies = series.currencies.map(({ currency, points }) => ({
    currency,
    points: groupByBucket(points, granularity, period).map(({ bucket, items }) => ({
      day: bucket.from,
      bucket,
      paymentsCount: items.reduce((sum, item) => sum + item.paymentsCount, 0),
      gross: formatMoney(sumDecimals(items.map((item) => item.gross)), currency),
      refunded: formatMoney(sumDecimals(items.map((item) => item.refunded)), currency),
      net: formatMoney(sumDecimals(items.map((item) => item.net)), currency),
    })),
  }));
  return {
    from: series.from,
    to: series.to,
    locations: series.locations,
    excluded: series.excluded,
    granularity,
    counts,
    currencies,
  };
}

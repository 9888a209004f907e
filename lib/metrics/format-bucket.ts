import type { Granularity, SeriesBucket } from '@/lib/metrics/bucket-series';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const monthName = (day: string) =>
  `${MONTHS[Number(day.slice(5, 7)) - 1] ?? ''} ${day.slice(0, 4)}`;

/**
 * A chart bucket in words, honest about a partial one: "2026-10-05" (a day),
 * "2026-10-05 – 2026-10-11" (a week, Monday to Sunday), "Oct 2026" (a month); a bucket cut by the
 * period's ends adds which of its days are in: "2026-10-01 – 2026-10-04 (partial week: 4 of 7 days)".
 */
export function formatBucket(bucket: SeriesBucket, granularity: Granularity): string {
  switch (granularity) {
    case 'day':
      return bucket.from;
    case 'week': {
      const days = `${bucket.from} – ${bucket.to}`;
      return bucket.isPartial ? `${days} (partial week: ${bucket.days} of 7 days)` : days;
    }
    case 'month': {
      const name = monthName(bucket.start);
      if (!bucket.isPartial) return name;
      const length = Number(bucket.end.slice(8, 10));
      const days = bucket.from === bucket.to ? bucket.from : `${bucket.from} – ${bucket.to}`;
      return `${name} (partial month: ${days}, ${bucket.days} of ${length} days)`;
    }
  }
}

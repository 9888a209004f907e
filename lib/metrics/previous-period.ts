import { z } from 'zod';

const DAY_MS = 86_400_000;

export type Period = { from: string; to: string };

const periodSchema = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayString = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * The period a range is compared with (docs/metrics.md, "Previous period"): the N calendar days
 * immediately before `from`, where N is the length of `from`..`to` (both ends included). So
 * Oct 1–31 (31 days) is compared with Aug 31–Sep 30, and a single day with the day before. The
 * days are each location's local days, like the period itself. Expects a valid period.
 */
export function previousPeriod(period: Period): Period {
  const { from, to } = periodSchema.parse(period);
  const start = dayNumber(from);
  const length = dayNumber(to) - start + 1;
  if (!Number.isFinite(length) || length < 1)
    throw new Error(`previousPeriod: not a period: ${from}..${to}`);
  return { from: dayString(start - length), to: dayString(start - 1) };
}

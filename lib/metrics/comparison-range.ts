import { z } from 'zod';
import { previousPeriod, type Period } from '@/lib/metrics/previous-period';
import { samePeriodLastYear } from '@/lib/metrics/same-period-last-year';

/**
 * What a report is compared with (docs/metrics.md, "Comparison"): the vocabulary of the dashboard's
 * `?compare=` and of the scheduled emails' `comparison` column alike.
 */
export const COMPARISONS = ['previous-period', 'same-period-last-year', 'none'] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const comparisonSchema = z.enum(COMPARISONS, {
  message: 'expected previous-period, same-period-last-year or none',
});

/** The dashboard's comparison when the URL names none. */
export const DEFAULT_COMPARISON: Comparison = 'previous-period';

/** How each comparison is named on screen ("Compared with …"). */
export const COMPARISON_LABELS: Record<Comparison, string> = {
  'previous-period': 'Previous period',
  'same-period-last-year': 'Same period last year',
  none: 'No comparison',
};

/** The comparison inside a sentence ("Up 3 from 1 in the same period last year"). */
export const COMPARISON_NAMES: Record<Comparison, string> = {
  'previous-period': 'the previous period',
  'same-period-last-year': 'the same period last year',
  none: 'no comparison',
};

/**
 * The period a report is compared with, or null for none: the N days just before (`previousPeriod`)
 * or the same dates a year earlier (`samePeriodLastYear`). Expects a valid period.
 */
export function comparisonRange(comparison: Comparison, period: Period): Period | null {
  switch (comparison) {
    case 'none':
      return null;
    case 'previous-period':
      return previousPeriod(period);
    case 'same-period-last-year':
      return samePeriodLastYear(period);
  }
}

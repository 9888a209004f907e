import type { Period } from '@/lib/metrics/previous-period';

/** The same calendar day a year earlier; Feb 29 becomes Feb 28 (the year before has no Feb 29). */
export function sameDayLastYear(day: string): string {
  const year = String(Number(day.slice(0, 4)) - 1).padStart(4, '0');
  return day.endsWith('-02-29') ? `${year}-02-28` : `${year}${day.slice(4)}`;
}

/**
 * The same period a year earlier (docs/metrics.md, "Comparison"): both ends moved back one calendar
 * year, so Oct 1–31, 2026 is compared with Oct 1–31, 2025 and a week with the same dates a year
 * before (not the same weekdays). Feb 29 becomes Feb 28, so a period that ends on Feb 29 is one day
 * shorter a year before, and one that starts on it one day longer. The dashboard and the scheduled
 * emails share this one rule.
 */
export function samePeriodLastYear(period: Period): Period {
  return { from: sameDayLastYear(period.from), to: sameDayLastYear(period.to) };
}

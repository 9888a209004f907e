import { addDays, type ReportRange } from '@/lib/metrics/report-range';
import { previousPeriod } from '@/lib/metrics/previous-period';
import { samePeriodLastYear } from '@/lib/metrics/same-period-last-year';
import type { Comparison, PeriodRule } from '@/lib/reports/schedules/schedule-schema';
import { isoWeekday } from '@/lib/reports/schedules/next-send-at';
import { localDay } from '@/lib/reports/schedules/zoned-time';

function firstOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

function firstOfQuarter(day: string): string {
  const month = Number(day.slice(5, 7));
  const first = month - ((month - 1) % 3);
  return `${day.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

/**
 * The period a send reports on, from the local day it is sent on in the schedule's zone. Every
 * period ends with complete days: "month to date" and "quarter to date" run to yesterday (so a
 * send on the 1st reports the whole previous month or quarter), "last week" is the previous
 * Monday–Sunday, "last 7 days" and "last N days" end yesterday.
 */
export function reportPeriod(rule: PeriodRule, sendDay: string): ReportRange {
  const yesterday = addDays(sendDay, -1);
  switch (rule.period) {
    case 'yesterday':
      return { from: yesterday, to: yesterday };
    case 'last-7-days':
      return { from: addDays(sendDay, -7), to: yesterday };
    case 'last-n-days':
      return { from: addDays(sendDay, -(rule.periodDays ?? 1)), to: yesterday };
    case 'last-week': {
      const thisMonday = addDays(sendDay, 1 - isoWeekday(sendDay));
      return { from: addDays(thisMonday, -7), to: addDays(thisMonday, -1) };
    }
    case 'last-month': {
      const lastDay = addDays(firstOfMonth(sendDay), -1);
      return { from: firstOfMonth(lastDay), to: lastDay };
    }
    case 'month-to-date':
      return { from: firstOfMonth(yesterday), to: yesterday };
    case 'quarter-to-date':
      return { from: firstOfQuarter(yesterday), to: yesterday };
  }
}

/** The period of a send at an instant, read in the schedule's zone. */
export function reportPeriodAt(rule: PeriodRule, sentAt: Date, timezone: string): ReportRange {
  return reportPeriod(rule, localDay(sentAt, timezone));
}

/**
 * The period a report is compared with, or null for none. "Previous period" is the dashboard's
 * rule (lib/metrics/previous-period: the same number of days just before), except that a whole
 * calendar month is compared with the whole month before it; "same period last year" shifts both
 * ends back a year.
 */
export function comparisonPeriod(
  comparison: Comparison,
  period: ReportRange,
  rule: PeriodRule,
): ReportRange | null {
  switch (comparison) {
    case 'none':
      return null;
    case 'same-period-last-year':
      return samePeriodLastYear(period);
    case 'previous-period': {
      if (rule.period === 'last-month') {
        const lastDay = addDays(period.from, -1);
        return { from: firstOfMonth(lastDay), to: lastDay };
      }
      return previousPeriod(period);
    }
  }
}

import { splitPeriodByMonths } from '@/lib/metrics/split-period-by-months';

/**
 * Daily rows read for a period, `from` to `until` (exclusive), each counted `p` times (-1, 0 or
 * 1) in the period's sums and `t` times in the total to date (the '' rows only).
 */
export type DayRange = { from: string; until: string; p: -1 | 0 | 1; t: -1 | 0 | 1 };

/**
 * How a report reads a period from the stored rollups: every month in [pMonthsFrom, monthsTo)
 * counts in the period's sums, every '' month before monthsTo in the total to date, and the day
 * ranges add or take away the rest. All dates are 'YYYY-MM-DD'.
 */
export type PeriodReads = { pMonthsFrom: string; monthsTo: string; days: DayRange[] };

function firstOfMonth(day: string): string {
  return `${day.slice(0, 8)}01`;
}

function nextMonth(first: string): string {
  const date = new Date(`${first}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function daysBetween(from: string, until: string): number {
  return (Date.parse(`${until}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/**
 * Plans the fewest daily rows for `from`..`to` (inclusive, valid days, from <= to): whole months
 * from monthly_rollups, and each partial month at an edge either as its own days or as its whole
 * month minus the days outside the period, whichever reads fewer days. A period ending today
 * thus reads its current month whole, less the days after today (none yet). Every figure is the
 * same sum either way: a month's row is the sum of its days (kept by a trigger).
 */
export function planPeriodReads(from: string, to: string): PeriodReads {
  const split = splitPeriodByMonths(from, to);
  const afterTo = addDays(to, 1);
  const toMonth = split.monthsTo;
  if (toMonth < from) {
    // Inside one month, neither its 1st nor its last day: the days of the month up to `to`, the
    // ones before `from` for the total only.
    return {
      pMonthsFrom: toMonth,
      monthsTo: toMonth,
      days: [
        { from: toMonth, until: from, p: 0, t: 1 },
        { from, until: afterTo, p: 1, t: 1 },
      ],
    };
  }
  // A head [from, pMonthsFrom) in from's month, whole months, a tail [monthsTo, to] in to's month.
  let pMonthsFrom = split.monthsFrom < split.monthsTo ? split.monthsFrom : toMonth;
  let monthsTo = toMonth;
  const days: DayRange[] = [];
  if (from < pMonthsFrom) {
    const first = firstOfMonth(from);
    if (daysBetween(first, from) < daysBetween(from, pMonthsFrom)) {
      days.push({ from: first, until: from, p: -1, t: 0 });
      pMonthsFrom = first;
    } else days.push({ from, until: pMonthsFrom, p: 1, t: 0 });
  }
  if (toMonth <= to) {
    const end = nextMonth(toMonth);
    if (daysBetween(afterTo, end) < daysBetween(toMonth, afterTo)) {
      days.push({ from: afterTo, until: end, p: -1, t: -1 });
      monthsTo = end;
    } else days.push({ from: toMonth, until: afterTo, p: 1, t: 1 });
  }
  return { pMonthsFrom, monthsTo, days };
}

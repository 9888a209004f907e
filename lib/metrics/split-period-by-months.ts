/**
 * How a period of local days reads the stored rollups: the whole calendar months inside it from
 * monthly_rollups, the days around them from daily_rollups. All dates are 'YYYY-MM-DD'.
 */
export type PeriodByMonths = {
  /** First day of the first whole month inside the period (from itself when it is a 1st). */
  monthsFrom: string;
  /**
   * The 1st after the last whole month that ends by `to`: months before it are complete by `to`
   * (what a total "to date" reads from months), days from it to `to` come from daily rows.
   * Whole months of the period are the months in [monthsFrom, monthsTo); none when
   * monthsFrom >= monthsTo.
   */
  monthsTo: string;
  /** Daily rows read: [from, headTo) and [tailFrom, to] (headTo = from when there is no head). */
  headTo: string;
  tailFrom: string;
};

function firstOfMonth(day: string): string {
  return `${day.slice(0, 8)}01`;
}

function nextMonth(first: string): string {
  const date = new Date(`${first}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1);
  return date.toISOString().slice(0, 10);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * Splits `from`..`to` (inclusive, valid days, from <= to) into whole months and edge days. With
 * whole months inside, the daily rows read are the head [from, monthsFrom) and the tail
 * [monthsTo, to]; without, the days [min(from, monthsTo), to], which also hold the days of `to`'s
 * month before `from` that a total to date needs.
 */
export function splitPeriodByMonths(from: string, to: string): PeriodByMonths {
  const monthsFrom = from === firstOfMonth(from) ? from : nextMonth(firstOfMonth(from));
  const afterTo = nextDay(to);
  const monthsTo = afterTo === firstOfMonth(afterTo) ? afterTo : firstOfMonth(to);
  if (monthsFrom < monthsTo)
    return { monthsFrom, monthsTo, headTo: monthsFrom, tailFrom: monthsTo };
  return { monthsFrom, monthsTo, headTo: from, tailFrom: monthsTo < from ? monthsTo : from };
}

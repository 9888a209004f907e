import { groupDigits, toUnits } from '@/lib/metrics/decimal';

/**
 * Report values as people read them, the same in a page and the CLI (and in the coming email
 * reports, rendered without React): fixed en-US digits and UTC times, so a server render and a
 * browser render agree. Money stays an exact decimal string throughout (`groupDigits` only adds commas).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A whole number with thousands separators. */
export function formatCount(value: number): string {
  return groupDigits(String(value));
}

/** A 4-decimal win rate string as a percentage: "0.6667" → "66.67%", "1.0000" → "100%". */
export function formatRate(rate: string): string {
  if (!/^\d+\.\d{1,4}$/.test(rate)) return rate;
  const tenThousandths = toUnits(rate, 4, 'formatRate');
  const whole = tenThousandths / 100n;
  const fraction = (tenThousandths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}%`;
}

/** An ISO instant as "2026-11-27 06:00 UTC". */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}

/** A `YYYY-MM-DD` day as "Oct 1, 2026" (or the raw value when it is not a real day). */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return day;
  return `${month} ${Number(match[3])}, ${match[1]}`;
}

/** A period as "Oct 1, 2026 – Oct 31, 2026", or one day when both ends are the same. */
export function formatPeriod(range: { from: string; to: string }): string {
  return range.from === range.to
    ? formatDay(range.from)
    : `${formatDay(range.from)} – ${formatDay(range.to)}`;
}

/**
 * Display formatting for report values. Money arrives as exact decimal strings and stays strings:
 * nothing here goes through a float. Output is fixed (en-US digits, UTC times) so the server
 * render and the browser render agree.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Thousands separators for a decimal string: "-1234567.50" → "-1,234,567.50". */
export function groupDigits(decimal: string): string {
  const match = DECIMAL.exec(decimal);
  if (!match) return decimal;
  const [, sign = '', whole = '0', fraction] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A whole number with thousands separators. */
export function formatCount(value: number): string {
  return groupDigits(String(value));
}

/** A 4-decimal win rate string as a percentage: "0.6667" → "66.67%", "1.0000" → "100%". */
export function formatRate(rate: string): string {
  const match = /^(\d+)\.(\d{1,4})$/.exec(rate);
  if (!match) return rate;
  const tenThousandths = BigInt(`${match[1]}${match[2]!.padEnd(4, '0')}`);
  const whole = tenThousandths / 100n;
  const fraction = (tenThousandths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}%`;
}

/** Exact sum of decimal strings ("12.50" + "0.125" → "12.625"), keeping the most fraction digits. */
export function sumDecimals(values: readonly string[]): string {
  let scale = 0;
  const parsed = values.map((value) => {
    const match = DECIMAL.exec(value.trim());
    if (!match) throw new Error(`sumDecimals: not a decimal number: "${value}"`);
    const [, sign = '', whole = '0', fraction = ''] = match;
    scale = Math.max(scale, fraction.length);
    return { negative: sign === '-', whole, fraction };
  });
  let total = 0n;
  for (const { negative, whole, fraction } of parsed) {
    const units = BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
    total += negative ? -units : units;
  }
  const isNegative = total < 0n;
  const digits = (isNegative ? -total : total).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${isNegative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

/** A decimal string's sign, for colouring negative money. */
export function isNegativeDecimal(value: string): boolean {
  return value.trim().startsWith('-') && !/^-0*(\.0*)?$/.test(value.trim());
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

/**
 * Exact decimal arithmetic on strings (PostgreSQL `numeric::text`, report values): the one parser
 * and the BigInt maths every report value goes through, so no money or rate ever passes through a
 * float. A decimal is `-?digits[.digits]`; values are scaled to integers of 10^-scale units.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/;

/** A decimal string's parts; throws (naming `caller`) when it is not a plain decimal. */
export type DecimalParts = { isNegative: boolean; whole: string; fraction: string };

/**
 * Splits a plain decimal ("-12.50", "7", "0.125"; surrounding spaces ignored) into sign, whole
 * digits and fraction digits. Anything else ("1e3", "NaN", "") throws `<caller>: not a decimal
 * number: "<value>"`.
 */
export function parseDecimal(value: string, caller = 'parseDecimal'): DecimalParts {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new Error(`${caller}: not a decimal number: "${value}"`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  return { isNegative: sign === '-', whole, fraction };
}

/** How many fraction digits a decimal string has ("12.50" → 2, "7" → 0). */
export function decimalScale(value: string, caller?: string): number {
  return parseDecimal(value, caller).fraction.length;
}

/** A decimal as a whole number of 10^-scale units ("12.5", 2 → 1250n). `scale` ≥ its own scale. */
export function toUnits(value: string, scale: number, caller?: string): bigint {
  const { isNegative, whole, fraction } = parseDecimal(value, caller);
  const units = BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
  return isNegative ? -units : units;
}

/** Units back to a decimal string with exactly `scale` fraction digits (1250n, 2 → "12.50"). */
export function fromUnits(units: bigint, scale: number): string {
  const isNegative = units < 0n;
  const digits = (isNegative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${isNegative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

/** Integer division rounding half away from zero. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const isNegative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return isNegative ? -quotient : quotient;
}

/** Exact sum of decimal strings ("12.50" + "0.125" → "12.625"), keeping the most fraction digits. */
export function sumDecimals(values: readonly string[]): string {
  const scale = Math.max(0, ...values.map((value) => decimalScale(value, 'sumDecimals')));
  let total = 0n;
  for (const value of values) total += toUnits(value, scale, 'sumDecimals');
  return fromUnits(total, scale);
}

/** Exact `a − b` of two decimal strings, keeping the most fraction digits ("10.00" − "0.5" → "9.50"). */
export function subtractDecimals(a: string, b: string): string {
  const scale = Math.max(decimalScale(a, 'subtractDecimals'), decimalScale(b, 'subtractDecimals'));
  return fromUnits(
    toUnits(a, scale, 'subtractDecimals') - toUnits(b, scale, 'subtractDecimals'),
    scale,
  );
}

/** Orders two decimal strings exactly: negative when a < b, 0 when equal, positive when a > b. */
export function compareDecimals(a: string, b: string): number {
  const scale = Math.max(decimalScale(a, 'compareDecimals'), decimalScale(b, 'compareDecimals'));
  const difference = toUnits(a, scale, 'compareDecimals') - toUnits(b, scale, 'compareDecimals');
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** A decimal string's sign, for colouring negative money ("-0.00" is not negative). */
export function isNegativeDecimal(value: string): boolean {
  return value.trim().startsWith('-') && !/^-0*(\.0*)?$/.test(value.trim());
}

/** Thousands separators for a decimal string: "-1234567.50" → "-1,234,567.50" (else unchanged). */
export function groupDigits(decimal: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!match) return decimal;
  const [, sign = '', whole = '0', fraction] = match;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * How a KPI moved against the previous period (docs/metrics.md, "Previous period"). Values are
 * whole numbers or exact decimal strings (money in ONE currency — never call this across
 * currencies). `null` on either side means unavailable, and then so is the comparison.
 */
export type PeriodChange =
  | { isAvailable: false }
  | {
      isAvailable: true;
      /** The previous period's value, as given (decimal string or whole number as text). */
      previous: string;
      /** current − previous, exact ("-12.50", "3"). */
      delta: string;
      /** Change relative to |previous| in percent, 1 decimal, half away from zero ("12.5", "-100.0"); null when previous is 0. */
      percent: string | null;
      /** The previous value was 0 and the current one is not: a percentage means nothing. */
      isNew: boolean;
      direction: 'up' | 'down' | 'flat';
    };

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

function toScaled(value: string, scale: number): bigint {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new Error(`compareToPrevious: not a decimal number: "${value}"`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  const units = BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
  return sign === '-' ? -units : units;
}

function scaleOf(value: string): number {
  return DECIMAL.exec(value.trim())?.[3]?.length ?? 0;
}

function fromScaled(units: bigint, scale: number): string {
  const isNegative = units < 0n;
  const digits = (isNegative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${isNegative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

/** Integer division rounding half away from zero. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const isNegative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return isNegative ? -quotient : quotient;
}

/**
 * Compares a current value with the previous period's, exactly (BigInt on decimal strings, no
 * floats): the difference, the change in percent of |previous|, and "new" when previous is 0.
 */
export function compareToPrevious(
  current: number | string | null,
  previous: number | string | null,
): PeriodChange {
  if (current === null || previous === null) return { isAvailable: false };
  const currentText = String(current);
  const previousText = String(previous);
  const scale = Math.max(scaleOf(currentText), scaleOf(previousText));
  const now = toScaled(currentText, scale);
  const before = toScaled(previousText, scale);
  const delta = now - before;
  const isZeroBefore = before === 0n;
  const tenths = isZeroBefore ? null : divideRounded(delta * 1000n, before < 0n ? -before : before);
  return {
    isAvailable: true,
    previous: previousText,
    delta: fromScaled(delta, scale),
    percent: tenths === null ? null : fromScaled(tenths, 1),
    isNew: isZeroBefore && now !== 0n,
    direction: delta > 0n ? 'up' : delta < 0n ? 'down' : 'flat',
  };
}

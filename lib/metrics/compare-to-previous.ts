import { decimalScale, divideRounded, fromUnits, toUnits } from '@/lib/metrics/decimal';

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
  const caller = 'compareToPrevious';
  const scale = Math.max(decimalScale(currentText, caller), decimalScale(previousText, caller));
  const now = toUnits(currentText, scale, caller);
  const before = toUnits(previousText, scale, caller);
  const delta = now - before;
  const isZeroBefore = before === 0n;
  const tenths = isZeroBefore ? null : divideRounded(delta * 1000n, before < 0n ? -before : before);
  return {
    isAvailable: true,
    previous: previousText,
    delta: fromUnits(delta, scale),
    percent: tenths === null ? null : fromUnits(tenths, 1),
    isNew: isZeroBefore && now !== 0n,
    direction: delta > 0n ? 'up' : delta < 0n ? 'down' : 'flat',
  };
}

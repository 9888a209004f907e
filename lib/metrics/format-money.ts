import { parseDecimal } from '@/lib/metrics/decimal';

const minorUnitCache = new Map<string, number>();

/** ISO 4217 minor-unit digits of a currency (USD 2, JPY 0, BHD 3); 2 when none or unknown. */
function minorUnits(currency: string): number {
  if (currency === '') return 2;
  let digits = minorUnitCache.get(currency);
  if (digits === undefined) {
    try {
      const format = new Intl.NumberFormat('en', { style: 'currency', currency });
      digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    minorUnitCache.set(currency, digits);
  }
  return digits;
}

/**
 * Formats an exact decimal string from PostgreSQL (`numeric::text`, e.g. "1234.5000") as money
 * without any float math or rounding: at least the currency's minor-unit digits ("1234.50" in
 * USD, "5000" in JPY, 2 digits when the currency is '' or unknown), more only when the stored
 * value really has them ("0.1234"). Only trailing zeros are ever removed.
 */
export function formatMoney(value: string, currency: string): string {
  const { isNegative, whole, fraction: rawFraction } = parseDecimal(value, 'formatMoney');
  const digits = minorUnits(currency);
  const fraction = rawFraction.replace(/0+$/, '').padEnd(digits, '0');
  const isZero = /^0*$/.test(whole) && /^0*$/.test(fraction);
  const integer = whole.replace(/^0+(?=\d)/, '');
  return `${isZero || !isNegative ? '' : '-'}${integer}${fraction ? `.${fraction}` : ''}`;
}

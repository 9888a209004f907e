import { describe, expect, it } from 'vitest';
import {
  divideRounded,
  fromUnits,
  groupDigits,
  isNegativeDecimal,
  parseDecimal,
  subtractDecimals,
  sumDecimals,
  toUnits,
} from '@/lib/metrics/decimal';

describe('exact decimals', () => {
  it('groups thousands without touching the digits', () => {
    expect(groupDigits('1234567.50')).toBe('1,234,567.50');
    expect(groupDigits('-1234.005')).toBe('-1,234.005');
    expect(groupDigits('999')).toBe('999');
    expect(groupDigits('2500')).toBe('2,500');
  });

  it('adds decimal strings exactly', () => {
    expect(sumDecimals(['0.10', '0.20'])).toBe('0.30');
    expect(sumDecimals(['12.50', '0.125', '-2'])).toBe('10.625');
    expect(sumDecimals(['-5.00', '2.50'])).toBe('-2.50');
    expect(sumDecimals(['99999999999999.99', '0.01'])).toBe('100000000000000.00');
    expect(sumDecimals(['2500', '100'])).toBe('2600');
    expect(sumDecimals([])).toBe('0');
    expect(() => sumDecimals(['1e3'])).toThrow(/not a decimal/);
  });

  it('subtracts exactly, keeping the most fraction digits', () => {
    expect(subtractDecimals('10.00', '0.5')).toBe('9.50');
    expect(subtractDecimals('0.5000', '2.2500')).toBe('-1.7500');
    expect(subtractDecimals('2500', '0')).toBe('2500');
    expect(subtractDecimals('1.0000', '1.0000')).toBe('0.0000');
  });

  it('tells negative money apart from zero', () => {
    expect(isNegativeDecimal('-12.50')).toBe(true);
    expect(isNegativeDecimal('-0.00')).toBe(false);
    expect(isNegativeDecimal('12.50')).toBe(false);
  });

  it('scales to integer units and back, and divides rounding half away from zero', () => {
    expect(parseDecimal(' -007.10 ')).toEqual({ isNegative: true, whole: '007', fraction: '10' });
    expect(() => parseDecimal('NaN', 'caller')).toThrow('caller: not a decimal number: "NaN"');
    expect(toUnits('12.5', 2)).toBe(1250n);
    expect(toUnits('-0.01', 4)).toBe(-100n);
    expect(fromUnits(1250n, 2)).toBe('12.50');
    expect(fromUnits(-5n, 3)).toBe('-0.005');
    expect(fromUnits(7n, 0)).toBe('7');
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(4n, 3n)).toBe(1n);
  });
});

import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDay,
  formatInstant,
  formatPeriod,
  formatRate,
  groupDigits,
  isNegativeDecimal,
  sumDecimals,
} from './format';

describe('report formatting', () => {
  it('groups thousands without touching the digits', () => {
    expect(groupDigits('1234567.50')).toBe('1,234,567.50');
    expect(groupDigits('-1234.005')).toBe('-1,234.005');
    expect(groupDigits('999')).toBe('999');
    expect(groupDigits('2500')).toBe('2,500');
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('shows win rates as percentages without float error', () => {
    expect(formatRate('0.6667')).toBe('66.67%');
    expect(formatRate('1.0000')).toBe('100%');
    expect(formatRate('0.5000')).toBe('50%');
    expect(formatRate('0.3330')).toBe('33.3%');
    expect(formatRate('0.0001')).toBe('0.01%');
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

  it('tells negative money apart from zero', () => {
    expect(isNegativeDecimal('-12.50')).toBe(true);
    expect(isNegativeDecimal('-0.00')).toBe(false);
    expect(isNegativeDecimal('12.50')).toBe(false);
  });

  it('formats instants in UTC and days and periods the same on server and browser', () => {
    expect(formatInstant('2026-11-27T06:00:00.000Z')).toBe('2026-11-27 06:00 UTC');
    expect(formatDay('2026-10-01')).toBe('Oct 1, 2026');
    expect(formatDay('garbage')).toBe('garbage');
    expect(formatPeriod({ from: '2026-10-01', to: '2026-10-31' })).toBe(
      'Oct 1, 2026 – Oct 31, 2026',
    );
    expect(formatPeriod({ from: '2026-10-01', to: '2026-10-01' })).toBe('Oct 1, 2026');
  });
});

import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDay,
  formatInstant,
  formatPeriod,
  formatRate,
} from '@/lib/metrics/format-report-value';

describe('report formatting', () => {
  it('groups thousands of counts', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
  });

  it('shows win rates as percentages without float error', () => {
    expect(formatRate('0.6667')).toBe('66.67%');
    expect(formatRate('1.0000')).toBe('100%');
    expect(formatRate('0.5000')).toBe('50%');
    expect(formatRate('0.3330')).toBe('33.3%');
    expect(formatRate('0.0001')).toBe('0.01%');
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

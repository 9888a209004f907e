import { describe, expect, it } from 'vitest';
import { COMPARISONS as SCHEDULE_COMPARISONS } from '@/lib/reports/schedules/schedule-schema';
import { COMPARISONS, comparisonRange } from './comparison-range';
import { sameDayLastYear, samePeriodLastYear } from './same-period-last-year';

describe('comparison periods', () => {
  it('compares with the days just before, the same dates a year before, or nothing', () => {
    const october = { from: '2026-10-01', to: '2026-10-31' };
    expect(comparisonRange('previous-period', october)).toEqual({
      from: '2026-08-31',
      to: '2026-09-30',
    });
    expect(comparisonRange('same-period-last-year', october)).toEqual({
      from: '2025-10-01',
      to: '2025-10-31',
    });
    expect(comparisonRange('none', october)).toBeNull();
  });

  it('moves Feb 29 to Feb 28 a year before, and keeps other days', () => {
    expect(sameDayLastYear('2024-02-29')).toBe('2023-02-28');
    expect(sameDayLastYear('2024-02-28')).toBe('2023-02-28');
    expect(sameDayLastYear('2025-03-01')).toBe('2024-03-01');
    expect(sameDayLastYear('2027-01-01')).toBe('2026-01-01');
    // February of a leap year against the shorter February before it.
    expect(samePeriodLastYear({ from: '2024-02-01', to: '2024-02-29' })).toEqual({
      from: '2023-02-01',
      to: '2023-02-28',
    });
    // The year after a leap year: Feb 2025 against Feb 1–28, 2024 (Feb 29, 2024 is not in it).
    expect(samePeriodLastYear({ from: '2025-02-01', to: '2025-02-28' })).toEqual({
      from: '2024-02-01',
      to: '2024-02-28',
    });
    // A period starting on Feb 29 starts a day earlier a year before, so it is not shorter.
    expect(samePeriodLastYear({ from: '2024-02-29', to: '2024-03-06' })).toEqual({
      from: '2023-02-28',
      to: '2023-03-06',
    });
  });

  it('is the one vocabulary the scheduled emails use too', () => {
    expect(SCHEDULE_COMPARISONS).toBe(COMPARISONS);
  });
});

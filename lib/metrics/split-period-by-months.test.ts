import { describe, expect, it } from 'vitest';
import { splitPeriodByMonths } from '@/lib/metrics/split-period-by-months';

/** Every day from..to inclusive. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/**
 * Which days a split reads, as the report statement does: period days from whole months and
 * daily rows; total-to-date days from months before monthsTo and daily rows from monthsTo.
 */
function covered(from: string, to: string) {
  const s = splitPeriodByMonths(from, to);
  const scanned = (day: string) =>
    (day >= from && day < s.headTo) || (day >= s.tailFrom && day <= to);
  const month = (day: string) => `${day.slice(0, 8)}01`;
  const all = days('2023-01-01', '2025-12-31');
  const period = all.filter(
    (day) =>
      (month(day) >= s.monthsFrom && month(day) < s.monthsTo && day >= from && day <= to) ||
      (scanned(day) && day >= from && (day < s.monthsFrom || day >= s.monthsTo)),
  );
  const total = all.filter((day) => month(day) < s.monthsTo || (scanned(day) && day >= s.monthsTo));
  return { period, total, split: s };
}

describe('splitPeriodByMonths', () => {
  const cases: [string, string][] = [
    ['2024-10-31', '2024-11-29'],
    ['2024-11-05', '2024-11-20'],
    ['2024-11-05', '2024-11-30'],
    ['2024-11-01', '2024-11-30'],
    ['2024-11-01', '2024-11-01'],
    ['2024-01-31', '2024-03-01'],
    ['2023-11-30', '2024-11-29'],
    ['2024-02-01', '2024-02-29'],
    ['2024-12-31', '2025-01-01'],
    ['2023-01-01', '2025-12-31'],
  ];
  it.each(cases)('%s..%s: every period day once, every day up to `to` in the total', (from, to) => {
    const { period, total } = covered(from, to);
    expect(period).toEqual(days(from, to));
    // Months before monthsTo are whole months up to `to`, and daily rows cover the rest.
    expect(total.filter((day) => day <= to)).toEqual(days('2023-01-01', to));
    expect(total.filter((day) => day > to)).toEqual([]);
  });

  it('reads a year as eleven whole months and two edges', () => {
    expect(splitPeriodByMonths('2025-11-30', '2026-11-29')).toEqual({
      monthsFrom: '2025-12-01',
      monthsTo: '2026-11-01',
      headTo: '2025-12-01',
      tailFrom: '2026-11-01',
    });
  });
});

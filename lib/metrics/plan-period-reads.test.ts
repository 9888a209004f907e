import { describe, expect, it } from 'vitest';
import { planPeriodReads } from '@/lib/metrics/plan-period-reads';

const FIRST = '2023-01-01';
const LAST = '2025-12-31';

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Every day FIRST..LAST with a value of its own (a prime-stepped pattern, never 0). */
const ALL: [string, number][] = [];
for (let day = FIRST, i = 0; day <= LAST; day = addDays(day, 1), i++)
  ALL.push([day, 1 + ((i * 7919) % 1009)]);
const month = (day: string) => `${day.slice(0, 8)}01`;

/** The period's sum and the total to date, read the way the plan says (months + signed days). */
function readByPlan(from: string, to: string) {
  const plan = planPeriodReads(from, to);
  let period = 0;
  let total = 0;
  for (const [day, value] of ALL) {
    const m = month(day);
    if (m >= plan.pMonthsFrom && m < plan.monthsTo) period += value;
    if (m < plan.monthsTo) total += value;
    for (const range of plan.days)
      if (day >= range.from && day < range.until) {
        period += range.p * value;
        total += range.t * value;
      }
  }
  return { period, total, plan };
}

function readDirectly(from: string, to: string) {
  let period = 0;
  let total = 0;
  for (const [day, value] of ALL) {
    if (day >= from && day <= to) period += value;
    if (day <= to) total += value;
  }
  return { period, total };
}

describe('planPeriodReads', () => {
  it('gives every period sum and total to date exactly, for every shape of period', () => {
    const starts = [
      '2024-01-01',
      '2024-01-02',
      '2024-01-16',
      '2024-01-31',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2024-11-29',
      '2024-12-31',
    ];
    const lengths = [1, 2, 15, 28, 29, 30, 31, 45, 59, 60, 61, 90, 364, 365, 366, 400];
    for (const from of starts)
      for (const length of lengths) {
        const to = addDays(from, length - 1);
        const { period, total } = readByPlan(from, to);
        expect({ from, to, period, total }).toEqual({ from, to, ...readDirectly(from, to) });
      }
  });

  it('reads a period ending today as its month less the days after today, not day by day', () => {
    // 30 days to the 28th of a 30-day month: 2 head days, then November less the 29th and 30th.
    const { plan } = readByPlan('2024-10-30', '2024-11-28');
    expect(plan).toEqual({
      pMonthsFrom: '2024-11-01',
      monthsTo: '2024-12-01',
      days: [
        { from: '2024-10-30', until: '2024-11-01', p: 1, t: 0 },
        { from: '2024-11-29', until: '2024-12-01', p: -1, t: -1 },
      ],
    });
    const dayCount = (p: typeof plan) =>
      p.days.reduce((n, r) => n + (Date.parse(r.until) - Date.parse(r.from)) / 86_400_000, 0);
    expect(dayCount(plan)).toBe(4);
    // A year to the 28th: whole months, the head's 2 days, November less 2 days.
    expect(dayCount(readByPlan('2023-11-29', '2024-11-28').plan)).toBe(4);
  });
});

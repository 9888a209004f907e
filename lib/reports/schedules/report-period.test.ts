import { describe, expect, it } from 'vitest';
import {
  comparisonPeriod,
  reportPeriod,
  reportPeriodAt,
} from '@/lib/reports/schedules/report-period';
import type { PeriodKind } from '@/lib/reports/schedules/schedule-schema';

const rule = (period: PeriodKind, periodDays: number | null = null) => ({ period, periodDays });

describe('reportPeriod', () => {
  // Monday 2026-11-30.
  const monday = '2026-11-30';
  it.each([
    ['yesterday', null, '2026-11-29', '2026-11-29'],
    ['last-7-days', null, '2026-11-23', '2026-11-29'],
    ['last-n-days', 30, '2026-10-31', '2026-11-29'],
    ['last-week', null, '2026-11-23', '2026-11-29'],
    ['last-month', null, '2026-10-01', '2026-10-31'],
    ['month-to-date', null, '2026-11-01', '2026-11-29'],
    ['quarter-to-date', null, '2026-10-01', '2026-11-29'],
  ] as const)('%s on a Monday', (period, days, from, to) => {
    expect(reportPeriod(rule(period, days), monday)).toEqual({ from, to });
  });

  it('takes last week as the previous Monday–Sunday from any day of the week', () => {
    expect(reportPeriod(rule('last-week'), '2026-12-06')).toEqual({
      from: '2026-11-23',
      to: '2026-11-29',
    });
    expect(reportPeriod(rule('last-week'), '2026-12-01')).toEqual({
      from: '2026-11-23',
      to: '2026-11-29',
    });
  });

  it('ends to-date periods yesterday, so the 1st reports the whole previous month or quarter', () => {
    expect(reportPeriod(rule('month-to-date'), '2026-12-01')).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(reportPeriod(rule('quarter-to-date'), '2026-10-01')).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
    });
    expect(reportPeriod(rule('last-month'), '2026-03-01')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
  });

  it('reads the send day in the schedule zone, across DST', () => {
    // 00:30 BST on Oct 25 is still Oct 24 in UTC: yesterday is Oct 24 in London.
    const sentAt = new Date('2026-10-24T23:30:00Z');
    expect(reportPeriodAt(rule('yesterday'), sentAt, 'Europe/London')).toEqual({
      from: '2026-10-24',
      to: '2026-10-24',
    });
    expect(reportPeriodAt(rule('yesterday'), sentAt, 'America/New_York')).toEqual({
      from: '2026-10-23',
      to: '2026-10-23',
    });
    // 08:00 on the spring-forward Sunday in New York: yesterday is that Saturday.
    expect(
      reportPeriodAt(rule('yesterday'), new Date('2026-03-08T12:00:00Z'), 'America/New_York'),
    ).toEqual({ from: '2026-03-07', to: '2026-03-07' });
  });
});

describe('comparisonPeriod', () => {
  it('compares with the days just before, a calendar month with the month before', () => {
    const week = { from: '2026-11-23', to: '2026-11-29' };
    expect(comparisonPeriod('previous-period', week, rule('last-week'))).toEqual({
      from: '2026-11-16',
      to: '2026-11-22',
    });
    const october = { from: '2026-10-01', to: '2026-10-31' };
    expect(comparisonPeriod('previous-period', october, rule('last-month'))).toEqual({
      from: '2026-09-01',
      to: '2026-09-30',
    });
  });

  it('compares with the same days a year earlier, Feb 29 taken as Feb 28', () => {
    expect(
      comparisonPeriod(
        'same-period-last-year',
        { from: '2028-02-01', to: '2028-02-29' },
        rule('last-month'),
      ),
    ).toEqual({ from: '2027-02-01', to: '2027-02-28' });
  });

  it('compares with nothing when asked for none', () => {
    expect(
      comparisonPeriod('none', { from: '2026-11-29', to: '2026-11-29' }, rule('yesterday')),
    ).toBeNull();
  });
});

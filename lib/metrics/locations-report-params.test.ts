import { describe, expect, it } from 'vitest';
import {
  isWithinReportBounds,
  MAX_REPORT_DAY,
  MIN_REPORT_DAY,
  parseLocationsReportParams,
  ReportParamsError,
  parseReportControls,
  reportControlsSchema,
} from './locations-report-params';
import { previousPeriod } from './previous-period';

describe('report parameters: the days a report may cover', () => {
  it(`accepts ${MIN_REPORT_DAY} to ${MAX_REPORT_DAY}, both included`, () => {
    expect(parseLocationsReportParams({ from: MIN_REPORT_DAY, to: MAX_REPORT_DAY })).toEqual({
      from: MIN_REPORT_DAY,
      to: MAX_REPORT_DAY,
    });
  });

  it.each([
    ['0000-01-01', '0000-01-02'],
    ['0001-01-01', '0001-01-31'],
    ['1999-12-31', '2000-01-01'],
    ['2100-12-31', '2101-01-01'],
    ['9999-12-31', '9999-12-31'],
  ])('refuses %s..%s with a message naming the bounds', (from, to) => {
    expect(() => parseLocationsReportParams({ from, to })).toThrow(ReportParamsError);
    expect(() => parseLocationsReportParams({ from, to })).toThrow(
      /expected a day from 2000-01-01 to 2100-12-31/,
    );
  });

  it('says which comparison periods fall outside, so the dashboard leaves them out', () => {
    expect(isWithinReportBounds(previousPeriod({ from: '2000-01-10', to: '2000-01-19' }))).toBe(
      false,
    );
    expect(isWithinReportBounds(previousPeriod({ from: '2000-01-11', to: '2000-01-20' }))).toBe(
      true,
    );
  });
});

describe('report controls: comparison and chart grouping', () => {
  it('defaults to the previous period by day', () => {
    expect(reportControlsSchema.parse({})).toEqual({
      compare: 'previous-period',
      granularity: 'day',
    });
  });

  it('accepts each listed value and refuses others, naming the accepted ones', () => {
    expect(
      reportControlsSchema.parse({ compare: 'same-period-last-year', granularity: 'week' }),
    ).toEqual({ compare: 'same-period-last-year', granularity: 'week' });
    const bad = reportControlsSchema.safeParse({ compare: 'yesterday', granularity: 'hour' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['compare', 'expected previous-period, same-period-last-year or none'],
      ['granularity', 'expected day, week or month'],
    ]);
  });

  it('reads them from a URL, or throws a message naming the bad value', () => {
    expect(parseReportControls(new URLSearchParams('granularity=month'))).toEqual({
      compare: 'previous-period',
      granularity: 'month',
    });
    expect(() => parseReportControls(new URLSearchParams('granularity=hour'))).toThrow(
      'Invalid report parameters: granularity: expected day, week or month (got "hour")',
    );
  });
});

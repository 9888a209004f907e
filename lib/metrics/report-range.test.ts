import { describe, expect, it } from 'vitest';
import {
  addDays,
  defaultReportRange,
  matchPreset,
  presetRange,
  rangeLengthDays,
  readReportControls,
  readReportRange,
  reportSearchParams,
} from './report-range';

describe('report periods', () => {
  it('defaults to the last 30 complete days, ending yesterday', () => {
    expect(defaultReportRange('2026-11-28')).toEqual({ from: '2026-10-29', to: '2026-11-27' });
    expect(rangeLengthDays(defaultReportRange('2026-11-28'))).toBe(30);
  });

  it('computes every preset, across month and year ends and leap days', () => {
    expect(presetRange('7d', '2026-03-01')).toEqual({ from: '2026-02-22', to: '2026-02-28' });
    expect(presetRange('90d', '2026-01-15')).toEqual({ from: '2025-10-17', to: '2026-01-14' });
    expect(presetRange('mtd', '2026-11-28')).toEqual({ from: '2026-11-01', to: '2026-11-28' });
    expect(presetRange('mtd', '2026-11-01')).toEqual({ from: '2026-11-01', to: '2026-11-01' });
    expect(presetRange('last-month', '2026-01-10')).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
    });
    expect(presetRange('last-month', '2024-03-31')).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
    });
    expect(rangeLengthDays(presetRange('90d', '2026-01-15'))).toBe(90);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('recognises a preset period to highlight it', () => {
    expect(matchPreset({ from: '2026-11-21', to: '2026-11-27' }, '2026-11-28')).toBe('7d');
    expect(matchPreset({ from: '2026-11-20', to: '2026-11-27' }, '2026-11-28')).toBeNull();
  });

  it('reads the period from the URL, filling a missing end from the default', () => {
    const today = '2026-11-28';
    expect(readReportRange(new URLSearchParams('from=2026-10-01&to=2026-10-31'), today)).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(readReportRange({ from: '2026-10-01' }, today)).toEqual({
      from: '2026-10-01',
      to: '2026-11-27',
    });
    expect(readReportRange({ from: ['2026-10-02', 'x'], to: '' }, today)).toEqual({
      from: '2026-10-02',
      to: '2026-11-27',
    });
    expect(readReportRange(new URLSearchParams(), today)).toEqual(defaultReportRange(today));
    expect(reportSearchParams({ from: '2026-10-01', to: '2026-10-31' })).toBe(
      'from=2026-10-01&to=2026-10-31',
    );
  });

  it('computes quarter and year to date, through today', () => {
    expect(presetRange('qtd', '2026-11-28')).toEqual({ from: '2026-10-01', to: '2026-11-28' });
    expect(presetRange('qtd', '2026-10-01')).toEqual({ from: '2026-10-01', to: '2026-10-01' });
    expect(presetRange('qtd', '2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(presetRange('qtd', '2024-06-15')).toEqual({ from: '2024-04-01', to: '2024-06-15' });
    expect(presetRange('qtd', '2026-09-30')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(presetRange('ytd', '2026-11-28')).toEqual({ from: '2026-01-01', to: '2026-11-28' });
    expect(presetRange('ytd', '2027-01-01')).toEqual({ from: '2027-01-01', to: '2027-01-01' });
    expect(matchPreset({ from: '2026-10-01', to: '2026-11-28' }, '2026-11-28')).toBe('qtd');
    expect(matchPreset({ from: '2026-01-01', to: '2026-11-28' }, '2026-11-28')).toBe('ytd');
  });

  it('reads the comparison and the chart grouping from the URL, unknown values as the default', () => {
    expect(readReportControls(new URLSearchParams())).toEqual({
      comparison: 'previous-period',
      granularity: 'day',
    });
    expect(
      readReportControls(new URLSearchParams('compare=same-period-last-year&granularity=week')),
    ).toEqual({ comparison: 'same-period-last-year', granularity: 'week' });
    expect(readReportControls({ compare: 'none', granularity: ['month', 'day'] })).toEqual({
      comparison: 'none',
      granularity: 'month',
    });
    expect(readReportControls({ compare: 'last-decade', granularity: 'hour' })).toEqual({
      comparison: 'previous-period',
      granularity: 'day',
    });
  });

  it('writes only the controls that differ from the default into links', () => {
    const october = { from: '2026-10-01', to: '2026-10-31' };
    expect(reportSearchParams(october, { comparison: 'previous-period', granularity: 'day' })).toBe(
      'from=2026-10-01&to=2026-10-31',
    );
    expect(reportSearchParams(october, { comparison: 'none', granularity: 'month' })).toBe(
      'from=2026-10-01&to=2026-10-31&compare=none&granularity=month',
    );
  });
});

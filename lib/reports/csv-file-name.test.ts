import { describe, expect, it } from 'vitest';
import { csvFileName } from './csv-file-name';

describe('csvFileName', () => {
  const october = { from: '2026-10-01', to: '2026-10-31' };

  it('names the agency-wide report by its period', () => {
    expect(csvFileName(october)).toBe('agency-pulse-locations_2026-10-01_2026-10-31.csv');
  });

  it('adds a location name made safe for file names', () => {
    expect(csvFileName(october, 'Zahnärzte Köln')).toBe(
      'agency-pulse_Zahnärzte-Köln_2026-10-01_2026-10-31.csv',
    );
    expect(csvFileName(october, '=HYPERLINK("x")/..\\a:b')).toBe(
      'agency-pulse_HYPERLINK(-x-)-..-a-b_2026-10-01_2026-10-31.csv',
    );
    expect(csvFileName(october, '...')).toBe('agency-pulse_location_2026-10-01_2026-10-31.csv');
    expect(csvFileName(october, 'x'.repeat(100))).toBe(
      `agency-pulse_${'x'.repeat(60)}_2026-10-01_2026-10-31.csv`,
    );
  });

  it('names the daily series apart from the locations report, for the agency and one location', () => {
    expect(csvFileName(october, undefined, 'daily')).toBe(
      'agency-pulse-daily_2026-10-01_2026-10-31.csv',
    );
    expect(csvFileName(october, '東京 Clinic', 'daily')).toBe(
      'agency-pulse-daily_東京-Clinic_2026-10-01_2026-10-31.csv',
    );
    expect(csvFileName(october, '=cmd|x', 'daily')).toBe(
      'agency-pulse-daily_cmd-x_2026-10-01_2026-10-31.csv',
    );
  });
});

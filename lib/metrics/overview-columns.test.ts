import { describe, expect, it } from 'vitest';
import { LOCATIONS_REPORT_COLUMNS } from '@/lib/metrics/locations-report-columns';
import {
  CHOOSABLE_COLUMNS,
  DEFAULT_OVERVIEW_COLUMNS,
  overviewColumnsSchema,
  readOverviewColumns,
} from '@/lib/metrics/overview-columns';

describe('the roll-up column choice', () => {
  it('offers every table column of the registry but the location (always shown)', () => {
    const inTable = LOCATIONS_REPORT_COLUMNS.filter((c) => c.isInTable).map((c) => c.key);
    expect(CHOOSABLE_COLUMNS.map((c) => c.key)).toEqual(
      inTable.filter((k) => k !== 'locationName'),
    );
    expect(DEFAULT_OVERVIEW_COLUMNS).toContain('paymentsNet');
    expect(DEFAULT_OVERVIEW_COLUMNS).not.toContain('locationId');
  });

  it('accepts 1..all known keys once each, also as one comma-separated form field', () => {
    expect(overviewColumnsSchema.parse({ columns: ['paymentsNet', 'newContacts'] })).toEqual({
      columns: ['paymentsNet', 'newContacts'],
    });
    expect(overviewColumnsSchema.parse({ columns: 'wonValue,winRate' }).columns).toEqual([
      'wonValue',
      'winRate',
    ]);
    for (const columns of [[], ['locationName'], ['locationId'], ['x'], ['wonValue', 'wonValue']])
      expect(overviewColumnsSchema.safeParse({ columns }).success, String(columns)).toBe(false);
  });

  it('reads a stored choice back in the registry order, the default when nothing usable is left', () => {
    expect(readOverviewColumns(['paymentsNet', 'newContacts', 'gone'])).toEqual([
      'newContacts',
      'paymentsNet',
    ]);
    expect(readOverviewColumns(null)).toEqual(DEFAULT_OVERVIEW_COLUMNS);
    expect(readOverviewColumns({ columns: 1 })).toEqual(DEFAULT_OVERVIEW_COLUMNS);
    expect(readOverviewColumns(['gone', 3])).toEqual(DEFAULT_OVERVIEW_COLUMNS);
  });
});

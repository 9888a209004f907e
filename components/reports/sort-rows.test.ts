import { describe, expect, it } from 'vitest';
import { austin, blind, row, tokyoJpy, tokyoUsd } from '@/lib/metrics/testing/report-rows';
import { filterRows, nextSort, sortRows } from './sort-rows';

describe('sorting and filtering rows', () => {
  const rows = [austin, blind, tokyoJpy, tokyoUsd];

  it('sorts numbers and money numerically, unavailable values last in both directions', () => {
    const byNet = (direction: 'asc' | 'desc') =>
      sortRows(rows, { column: 'paymentsNet', direction }).map(
        (r) => `${r.locationName}:${r.currency}`,
      );
    expect(byNet('desc')).toEqual(['Tokyo:JPY', 'Austin:USD', 'Tokyo:USD', 'Blind:']);
    expect(byNet('asc')).toEqual(['Tokyo:USD', 'Austin:USD', 'Tokyo:JPY', 'Blind:']);
    expect(
      sortRows(rows, { column: 'newContacts', direction: 'asc' }).map((r) => r.locationName),
    ).toEqual(['Austin', 'Tokyo', 'Tokyo', 'Blind']);
  });

  it('sorts text by name and keeps the report order for ties', () => {
    expect(
      sortRows(rows, { column: 'locationName', direction: 'desc' }).map(
        (r) => `${r.locationName}:${r.currency}`,
      ),
    ).toEqual(['Tokyo:JPY', 'Tokyo:USD', 'Blind:', 'Austin:USD']);
  });

  it('starts numbers descending and text ascending, then toggles', () => {
    expect(nextSort({ column: 'locationName', direction: 'asc' }, 'paymentsNet')).toEqual({
      column: 'paymentsNet',
      direction: 'desc',
    });
    expect(nextSort({ column: 'paymentsNet', direction: 'desc' }, 'paymentsNet')).toEqual({
      column: 'paymentsNet',
      direction: 'asc',
    });
    expect(nextSort({ column: 'paymentsNet', direction: 'desc' }, 'timezone')).toEqual({
      column: 'timezone',
      direction: 'asc',
    });
  });

  it('filters by name, ignoring case and accents', () => {
    const cafe = row({ locationName: 'Café Uno' });
    expect(filterRows([...rows, cafe], 'TOK').map((r) => r.currency)).toEqual(['JPY', 'USD']);
    expect(filterRows([...rows, cafe], 'cafe')).toEqual([cafe]);
    expect(filterRows(rows, '  ')).toHaveLength(4);
  });
});

import { describe, expect, it } from 'vitest';
import { austin, blind, row, tokyoJpy, tokyoUsd } from '@/lib/metrics/testing/report-rows';
import { groupReportRows } from '@/lib/metrics/group-report-rows';
import { filterRows, nextSort, sortGroups, sortRows } from './sort-rows';

describe('sorting and filtering rows', () => {
  const rows = [austin, blind, tokyoJpy, tokyoUsd];

  it('sorts numbers and money numerically, unavailable values last in both directions', () => {
    const byNet = (direction: 'asc' | 'desc') =>
      sortRows(rows, { column: 'paymentsNet', direction }).map(
        (r) => `${r.locationName}:${r.currency}`,
      );
    expect(byNet('desc')).toEqual(['Tokyo:JPY', 'Austin:USD', 'Tokyo:USD', 'Blind:']);
    // Grouped by currency (JPY, then USD) in both directions: issue 13.
    expect(byNet('asc')).toEqual(['Tokyo:JPY', 'Tokyo:USD', 'Austin:USD', 'Blind:']);
    expect(
      sortRows(rows, { column: 'newContacts', direction: 'asc' }).map((r) => r.locationName),
    ).toEqual(['Austin', 'Tokyo', 'Tokyo', 'Blind']);
  });

  it('never ranks amounts in different currencies against each other', () => {
    const yen = { ...tokyoJpy, locationId: 'yen', locationName: 'Yen', paymentsGross: '1453184' };
    const yenSmall = { ...yen, locationId: 'yen2', locationName: 'Yen 2', paymentsGross: '500' };
    const dollars = { ...austin, locationName: 'Dollars', paymentsGross: '66000.00' };
    const cents = { ...austin, locationId: 'c', locationName: 'Cents', paymentsGross: '12.50' };
    const order = (direction: 'asc' | 'desc') =>
      sortRows([dollars, yen, cents, yenSmall], { column: 'paymentsGross', direction }).map(
        (r) => `${r.locationName}:${r.currency}`,
      );
    expect(order('desc')).toEqual(['Yen:JPY', 'Yen 2:JPY', 'Dollars:USD', 'Cents:USD']);
    expect(order('asc')).toEqual(['Yen 2:JPY', 'Yen:JPY', 'Cents:USD', 'Dollars:USD']);
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

  it("ranks won value within the location's own currency, unknown currencies last", () => {
    const yen = { ...austin, locationId: 'y', locationName: 'Yen', wonValue: '1453184.00' };
    const dollars = { ...austin, locationId: 'd', locationName: 'Dollars', wonValue: '66000.00' };
    const unknown = { ...austin, locationId: 'u', locationName: 'Unknown', wonValue: '9.00' };
    const rows = [
      { ...yen, locationCurrency: 'JPY' },
      { ...dollars, locationCurrency: 'USD' },
      {
        ...dollars,
        locationId: 'd2',
        locationName: 'Dimes',
        wonValue: '0.10',
        locationCurrency: 'USD',
      },
      unknown,
    ];
    const order = (direction: 'asc' | 'desc') =>
      sortRows(rows, { column: 'wonValue', direction }).map((r) => r.locationName);
    expect(order('desc')).toEqual(['Yen', 'Dollars', 'Dimes', 'Unknown']);
    expect(order('asc')).toEqual(['Yen', 'Dimes', 'Dollars', 'Unknown']);
  });

  it('sorts locations once each, by their main row, nested currencies staying under them', () => {
    const groups = groupReportRows([austin, blind, tokyoJpy, tokyoUsd]);
    const shown = (column: 'paymentsNet' | 'newContacts', direction: 'asc' | 'desc') =>
      sortGroups(groups, { column, direction }).map(
        (g) => `${g.main.locationName}:${[g.main, ...g.nested].map((r) => r.currency).join('+')}`,
      );
    // Tokyo ranks by its JPY payments (its main row), in the JPY group, before the USD one.
    expect(shown('paymentsNet', 'desc')).toEqual(['Tokyo:JPY+USD', 'Austin:USD', 'Blind:']);
    expect(shown('newContacts', 'desc')).toEqual(['Tokyo:JPY+USD', 'Austin:USD', 'Blind:']);
    expect(shown('newContacts', 'asc')).toEqual(['Austin:USD', 'Tokyo:JPY+USD', 'Blind:']);
  });
});

import { describe, expect, it } from 'vitest';
import { groupReportRows } from '@/lib/metrics/group-report-rows';
import { austin, blind, tokyoJpy, tokyoUsd } from '@/lib/metrics/testing/report-rows';

describe('groupReportRows (display grouping of the roll-up)', () => {
  it('shows a location paid in two currencies once, its other currency nested under it', () => {
    const groups = groupReportRows([austin, blind, tokyoJpy, tokyoUsd]);
    expect(
      groups.map((g) => [g.locationId, g.main.currency, g.nested.map((r) => r.currency)]),
    ).toEqual([
      ['a', 'USD', []],
      ['b', '', []],
      ['t', 'JPY', ['USD']],
    ]);
  });

  it("puts the location's own currency first when it was paid in it", () => {
    const own = (currency: string) => ({ ...tokyoJpy, locationCurrency: 'USD', currency });
    const [tokyo] = groupReportRows([own('EUR'), own('JPY'), own('USD')]);
    expect(tokyo?.main.currency).toBe('USD');
    expect(tokyo?.nested.map((r) => r.currency)).toEqual(['EUR', 'JPY']);
    const [other] = groupReportRows([{ ...tokyoJpy, locationCurrency: 'GBP' }, tokyoUsd]);
    expect(other?.main.currency).toBe('JPY');
  });

  it('keeps every row: the nested rows and the main ones add up to the report', () => {
    const rows = [austin, tokyoJpy, tokyoUsd, blind];
    const groups = groupReportRows(rows);
    expect(groups.flatMap((g) => [g.main, ...g.nested])).toHaveLength(rows.length);
  });
});

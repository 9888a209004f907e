import { describe, expect, it } from 'vitest';
import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';
import { filterRows, nextSort, sortRows } from './sort-rows';
import { summarizeReport } from './summarize-report';

const row = (over: Partial<LocationsReportRow>): LocationsReportRow => ({
  locationId: 'loc',
  locationName: 'Loc',
  timezone: 'UTC',
  currency: '',
  newContacts: 0,
  totalContacts: 0,
  opportunitiesCreated: 0,
  opportunitiesWon: 0,
  opportunitiesLost: 0,
  wonValue: '0.00',
  openPipelineValue: '0.00',
  winRate: null,
  paymentsCount: 0,
  paymentsGross: '0.00',
  paymentsRefunded: '0.00',
  paymentsNet: '0.00',
  activeSubscriptions: 0,
  dataAsOf: null,
  unavailable: [],
  ...over,
});

// A location paid in two currencies has two rows with the same location-wide counts.
const tokyoJpy = row({
  locationId: 't',
  locationName: 'Tokyo',
  currency: 'JPY',
  newContacts: 5,
  totalContacts: 50,
  opportunitiesWon: 1,
  opportunitiesLost: 1,
  paymentsCount: 2,
  paymentsGross: '5000',
  paymentsRefunded: '0',
  paymentsNet: '5000',
  activeSubscriptions: 3,
});
const tokyoUsd = {
  ...tokyoJpy,
  currency: 'USD',
  paymentsCount: 1,
  paymentsGross: '10.00',
  paymentsRefunded: '2.50',
  paymentsNet: '7.50',
};
const austin = row({
  locationId: 'a',
  locationName: 'Austin',
  currency: 'USD',
  newContacts: 2,
  totalContacts: 20,
  opportunitiesWon: 2,
  opportunitiesLost: 0,
  paymentsCount: 3,
  paymentsGross: '100.10',
  paymentsRefunded: '0.00',
  paymentsNet: '100.10',
  activeSubscriptions: 1,
});
const blind = row({
  locationId: 'b',
  locationName: 'Blind',
  newContacts: null,
  totalContacts: null,
  paymentsCount: null,
  paymentsGross: null,
  paymentsRefunded: null,
  paymentsNet: null,
  unavailable: ['contacts', 'transactions'],
});

describe('summarizeReport', () => {
  const summary = summarizeReport([austin, blind, tokyoJpy, tokyoUsd]);

  it('counts each location once, however many currency rows it has', () => {
    expect(summary.locations).toBe(3);
    expect(summary.counts.newContacts).toEqual({ total: 7, unavailable: 1 });
    expect(summary.counts.totalContacts).toEqual({ total: 70, unavailable: 1 });
    expect(summary.counts.activeSubscriptions).toEqual({ total: 4, unavailable: 0 });
    expect(summary.payments).toEqual({ total: 6, unavailable: 1 });
    expect(summary.partialLocations).toBe(1);
  });

  it('adds money per currency only, exactly', () => {
    expect(summary.currencies).toEqual([
      {
        currency: 'JPY',
        paymentsCount: 2,
        gross: '5000',
        refunded: '0',
        net: '5000',
        locations: 1,
      },
      {
        currency: 'USD',
        paymentsCount: 4,
        gross: '110.10',
        refunded: '2.50',
        net: '107.60',
        locations: 2,
      },
    ]);
  });

  it('computes the overall win rate from the summed counts, rounded half-up', () => {
    expect(summary.winRate).toBe('0.7500');
    expect(summarizeReport([row({ opportunitiesWon: 2, opportunitiesLost: 1 })]).winRate).toBe(
      '0.6667',
    );
    expect(summarizeReport([row({})]).winRate).toBeNull();
  });

  it('is all zeros and no currencies for no rows', () => {
    expect(summarizeReport([])).toMatchObject({ locations: 0, currencies: [], winRate: null });
  });
});

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

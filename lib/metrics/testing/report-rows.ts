import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';

/** Report rows for unit tests of what reads the locations report (summary, sorting). */

/** A report row with every metric 0 and nothing unavailable, overridden by `over`. */
export const row = (over: Partial<LocationsReportRow>): LocationsReportRow => ({
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
export const tokyoJpy = row({
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
export const tokyoUsd = {
  ...tokyoJpy,
  currency: 'USD',
  paymentsCount: 1,
  paymentsGross: '10.00',
  paymentsRefunded: '2.50',
  paymentsNet: '7.50',
};
export const austin = row({
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
export const blind = row({
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

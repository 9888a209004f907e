import { expect, it } from 'vitest';
import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';
import { LOCATIONS_CSV_HEADERS } from '@/lib/metrics/locations-report-columns';
import { locationsCsvLines } from '@/lib/reports/locations-csv';

const HEADER = `${LOCATIONS_CSV_HEADERS.join(',')}\r\n`;

const base: LocationsReportRow = {
  locationId: 'loc_1',
  locationName: 'Acme',
  timezone: 'Asia/Kolkata',
  currency: 'USD',
  newContacts: 3,
  totalContacts: 10,
  opportunitiesCreated: 2,
  opportunitiesWon: 1,
  opportunitiesLost: 2,
  wonValue: '100.00',
  openPipelineValue: '2500.50',
  winRate: '0.3333',
  paymentsCount: 4,
  paymentsGross: '10.00',
  paymentsRefunded: '22.50',
  paymentsNet: '-12.50',
  activeSubscriptions: 7,
  dataAsOf: '2024-07-01T08:09:10.123Z',
  unavailable: [],
};

it('writes the exact columns, escapes text, keeps negative numbers numeric and nulls empty', () => {
  const rows: LocationsReportRow[] = [
    base,
    {
      ...base,
      locationId: 'loc_2',
      locationName: '=cmd|"/c calc"!A1, Zürich\n東京',
      currency: '',
      newContacts: null,
      totalContacts: null,
      winRate: null,
      paymentsCount: null,
      paymentsGross: null,
      paymentsRefunded: null,
      paymentsNet: null,
      activeSubscriptions: 0,
      dataAsOf: null,
      unavailable: ['contacts', 'transactions'],
    },
    {
      ...base,
      locationId: 'loc_3',
      locationName: '@home',
      currency: 'JPY',
      paymentsGross: '5000',
      paymentsRefunded: '0',
      paymentsNet: '5000',
    },
    { ...base, locationId: 'loc_4', locationName: '+44 Agency' },
    { ...base, locationId: 'loc_5', locationName: '-minus' },
  ];
  const csv = [...locationsCsvLines({ from: '2024-06-01', to: '2024-06-30', rows })].join('');
  expect(csv).toBe(
    HEADER +
      'loc_1,Acme,Asia/Kolkata,USD,3,10,2,1,2,100.00,2500.50,0.3333,4,10.00,22.50,-12.50,7,2024-07-01T08:09:10.123Z\r\n' +
      `loc_2,"'=cmd|""/c calc""!A1, Zürich\n東京",Asia/Kolkata,,,,2,1,2,100.00,2500.50,,,,,,0,\r\n` +
      "loc_3,'@home,Asia/Kolkata,JPY,3,10,2,1,2,100.00,2500.50,0.3333,4,5000,0,5000,7,2024-07-01T08:09:10.123Z\r\n" +
      "loc_4,'+44 Agency,Asia/Kolkata,USD,3,10,2,1,2,100.00,2500.50,0.3333,4,10.00,22.50,-12.50,7,2024-07-01T08:09:10.123Z\r\n" +
      "loc_5,'-minus,Asia/Kolkata,USD,3,10,2,1,2,100.00,2500.50,0.3333,4,10.00,22.50,-12.50,7,2024-07-01T08:09:10.123Z\r\n",
  );
});

it('is a header alone for an empty report', () => {
  expect([...locationsCsvLines({ from: '2024-06-01', to: '2024-06-30', rows: [] })]).toEqual([
    HEADER,
  ]);
});

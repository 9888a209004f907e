import type { LocationsReportResult, LocationsReportRow } from '@/lib/metrics/get-locations-report';
import { csvLines, type CsvColumn } from '@/lib/reports/csv';

type Column = CsvColumn<LocationsReportRow>;
const text = (header: string, value: Column['value']): Column => ({ header, value });
const numeric = (header: string, value: Column['value']): Column => ({
  header,
  kind: 'numeric',
  value,
});

/** The locations export's columns, in order. Unavailable metrics (null) are empty cells. */
const LOCATION_COLUMNS: readonly Column[] = [
  text('location_id', (r) => r.locationId),
  text('location_name', (r) => r.locationName),
  text('timezone', (r) => r.timezone),
  text('currency', (r) => r.currency),
  numeric('new_contacts', (r) => r.newContacts),
  numeric('total_contacts', (r) => r.totalContacts),
  numeric('opportunities_created', (r) => r.opportunitiesCreated),
  numeric('opportunities_won', (r) => r.opportunitiesWon),
  numeric('opportunities_lost', (r) => r.opportunitiesLost),
  numeric('won_value', (r) => r.wonValue),
  numeric('open_pipeline_value', (r) => r.openPipelineValue),
  numeric('win_rate', (r) => r.winRate),
  numeric('payments_count', (r) => r.paymentsCount),
  numeric('payments_gross', (r) => r.paymentsGross),
  numeric('payments_refunded', (r) => r.paymentsRefunded),
  numeric('payments_net', (r) => r.paymentsNet),
  numeric('active_subscriptions', (r) => r.activeSubscriptions),
  text('data_as_of', (r) => r.dataAsOf),
];

/**
 * The locations report as CSV lines (header first, CRLF-terminated), through the one CSV writer.
 * Lazy, so callers can stream it: `Readable.from(locationsCsvLines(result))`, `csvResponse(…)`.
 */
export function locationsCsvLines(result: LocationsReportResult): Generator<string> {
  return csvLines(LOCATION_COLUMNS, result.rows);
}

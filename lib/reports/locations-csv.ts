import type { LocationsReportResult, LocationsReportRow } from '@/lib/metrics/get-locations-report';
import { LOCATIONS_REPORT_COLUMNS } from '@/lib/metrics/locations-report-columns';
import { csvLines, type CsvColumn } from '@/lib/reports/csv';

/**
 * The locations export's columns, from the report's registry in its order: text and time columns
 * are text cells (formula-guarded), the rest numeric. Unavailable metrics (null) are empty cells.
 */
const LOCATION_COLUMNS: readonly CsvColumn<LocationsReportRow>[] = LOCATIONS_REPORT_COLUMNS.map(
  (column) => ({
    header: column.header,
    kind: column.kind === 'text' || column.kind === 'time' ? 'text' : 'numeric',
    value: (row) => row[column.key],
  }),
);

/**
 * The locations report as CSV lines (header first, CRLF-terminated), through the one CSV writer.
 * Lazy, so callers can stream it: `Readable.from(locationsCsvLines(result))`, `csvResponse(…)`.
 */
export function locationsCsvLines(result: LocationsReportResult): Generator<string> {
  return csvLines(LOCATION_COLUMNS, result.rows);
}

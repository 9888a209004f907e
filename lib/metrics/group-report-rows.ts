import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';

/**
 * One location of the roll-up table: the report has one row per (location, currency); a location
 * paid in several currencies is shown once, its location-wide values (contacts, opportunities,
 * won value, open pipeline, subscriptions) on its main row, its other currencies' payments on rows
 * nested under it, so nothing reads as doubled.
 */
export type LocationGroup = {
  locationId: string;
  /** The location's row: its location-wide values and the payments of its main currency. */
  main: LocationsReportRow;
  /** Its other currency rows, A–Z: only their payment columns are shown. */
  nested: LocationsReportRow[];
};

/**
 * Groups report rows by location, keeping the rows' order of locations (display grouping only:
 * the CSV keeps its row per currency). The main currency is the location's own currency when it
 * was paid in it, else the first (A–Z).
 */
export function groupReportRows(rows: readonly LocationsReportRow[]): LocationGroup[] {
  const byLocation = new Map<string, LocationsReportRow[]>();
  for (const row of rows) {
    const list = byLocation.get(row.locationId);
    if (list) list.push(row);
    else byLocation.set(row.locationId, [row]);
  }
  return [...byLocation.entries()].map(([locationId, list]) => {
    const own = list.findIndex(
      (row) => row.locationCurrency !== undefined && row.currency === row.locationCurrency,
    );
    const mainIndex = own < 0 ? 0 : own;
    return {
      locationId,
      main: list[mainIndex]!,
      nested: list.filter((_, index) => index !== mainIndex),
    };
  });
}

import {
  parseLocationsReportParams,
  ReportParamsError,
  type LocationsReportParams,
} from '@/lib/metrics/locations-report-params';

/** Longer periods would be thousands of points nobody can read on a chart. */
export const MAX_SERIES_DAYS = 3_700;

/**
 * A daily series' `{ from, to, locationIds? }` validated as the locations report's, and its period
 * at most MAX_SERIES_DAYS days (both ends included): getDailySeries and its test reference
 * (lib/metrics/testing/daily-series-from-rollups.ts) accept the same periods. Throws
 * ReportParamsError.
 */
export function parseDailySeriesParams(params: unknown): LocationsReportParams {
  const valid = parseLocationsReportParams(params);
  const days =
    (Date.parse(`${valid.to}T00:00:00Z`) - Date.parse(`${valid.from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_SERIES_DAYS) {
    throw new ReportParamsError(
      `Invalid report parameters: to: a daily series covers at most ${MAX_SERIES_DAYS} days (got ${days})`,
    );
  }
  return valid;
}

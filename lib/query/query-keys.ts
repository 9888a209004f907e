import type { ReportRange } from '@/lib/metrics/report-range';

/**
 * One location's view (drill-down page), some locations (the dashboard's name filter, sorted), or
 * every allowed location (dashboard) when absent.
 */
export type ReportScope = { locationId?: string; locationIds?: readonly string[] };

const scopeKey = (scope: ReportScope) =>
  scope.locationId
    ? { location: scope.locationId }
    : scope.locationIds
      ? { locations: scope.locationIds.join(',') }
      : {};

/** Every react-query key of the app, built here so server prefetches and client reads agree. */
export const queryKeys = {
  reports: ['reports'] as const,
  locationsReport: (range: ReportRange, scope: ReportScope = {}) =>
    [
      ...queryKeys.reports,
      'locations',
      { from: range.from, to: range.to, ...scopeKey(scope) },
    ] as const,
  dailySeries: (range: ReportRange, scope: ReportScope = {}) =>
    [
      ...queryKeys.reports,
      'daily',
      { from: range.from, to: range.to, ...scopeKey(scope) },
    ] as const,
  /** The drill-down's pipeline, opportunity and payment breakdowns of one location. */
  locationBreakdowns: (range: ReportRange, locationId: string) =>
    [
      ...queryKeys.reports,
      'breakdowns',
      { from: range.from, to: range.to, location: locationId },
    ] as const,
  /** The sync health page: every location the user may see. */
  syncHealth: () => ['health', 'sync'] as const,
  /** Settings → Sync now: one run's progress, or the latest run (null). */
  syncProgress: (runId: string | null) => ['sync', 'progress', runId ?? 'latest'] as const,
};

import type { ReportRange } from '@/lib/query/report-range';

/** Every react-query key of the app, built here so server prefetches and client reads agree. */
export const queryKeys = {
  reports: ['reports'] as const,
  locationsReport: (range: ReportRange) =>
    [...queryKeys.reports, 'locations', { from: range.from, to: range.to }] as const,
};

'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import {
  isWithinReportBounds,
  locationsReportParamsSchema,
} from '@/lib/metrics/locations-report-params';
import { previousPeriod } from '@/lib/metrics/previous-period';
import type { ReportRange } from '@/lib/metrics/report-range';
import { locationsReportQueryOptions } from '@/lib/query/locations-report-query';
import type { ReportScope } from '@/lib/query/query-keys';

/**
 * The locations report for a period and for the previous period (the same number of days just
 * before `from`; docs/metrics.md), for the KPI comparison. The previous period is only asked for
 * once the period itself is valid and only when it lies within the report's bounds; while another period loads, the old one stays on screen, but
 * never the old comparison (it would compare with the wrong days).
 */
export function useReportWithPrevious(range: ReportRange, scope: ReportScope = {}) {
  const query = useQuery({
    ...locationsReportQueryOptions(range, scope),
    placeholderData: keepPreviousData,
  });
  const previousRange = useMemo(() => {
    if (!locationsReportParamsSchema.safeParse(range).success) return null;
    const previous = previousPeriod(range);
    // A period near 2000-01-01 has no comparison rather than a request the API refuses.
    return isWithinReportBounds(previous) ? previous : null;
  }, [range]);
  const previousQuery = useQuery({
    ...locationsReportQueryOptions(previousRange ?? range, scope),
    enabled: previousRange !== null,
  });
  return { query, previousQuery, previousRange };
}

'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import {
  COMPARISON_NAMES,
  comparisonRange,
  DEFAULT_COMPARISON,
  type Comparison,
} from '@/lib/metrics/comparison-range';
import {
  isWithinReportBounds,
  locationsReportParamsSchema,
} from '@/lib/metrics/locations-report-params';
import type { ReportRange } from '@/lib/metrics/report-range';
import { locationsReportQueryOptions } from '@/lib/query/locations-report-query';
import type { ReportScope } from '@/lib/query/query-keys';

/**
 * The period a valid range is compared with, or null: none asked for, the range itself invalid,
 * or a comparison outside the report's bounds (a period near 2000-01-01 has no comparison rather
 * than a request the API refuses).
 */
export function useComparisonRange(range: ReportRange, comparison: Comparison) {
  return useMemo(() => {
    if (!locationsReportParamsSchema.safeParse(range).success) return null;
    const compared = comparisonRange(comparison, range);
    return compared && isWithinReportBounds(compared) ? compared : null;
  }, [range, comparison]);
}

/**
 * The locations report for a period and for its comparison (the previous period or the same
 * period last year; docs/metrics.md, "Comparison"), for the KPI comparison and the movers. The
 * comparison is only asked for once the period itself is valid, only when one is chosen and only
 * when it lies within the report's bounds; while another period loads, the old one stays on
 * screen, but never the old comparison (it would compare with the wrong days).
 */
export function useReportWithPrevious(
  range: ReportRange,
  scope: ReportScope = {},
  comparison: Comparison = DEFAULT_COMPARISON,
) {
  const query = useQuery({
    ...locationsReportQueryOptions(range, scope),
    placeholderData: keepPreviousData,
  });
  const previousRange = useComparisonRange(range, comparison);
  const previousQuery = useQuery({
    ...locationsReportQueryOptions(previousRange ?? range, scope),
    enabled: previousRange !== null,
  });
  const comparisonName = COMPARISON_NAMES[comparison];
  // The KPI cards' line: the previous N days keep their own wording.
  const comparisonLabel =
    comparison === 'previous-period' ? undefined : `Compared with ${comparisonName}`;
  return { query, previousQuery, previousRange, comparisonName, comparisonLabel };
}

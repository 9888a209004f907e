'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { readReportRange, type ReportRange } from '@/lib/metrics/report-range';

/**
 * The period in the address bar (`?from&to`), defaulting to the last 30 complete days. Changing it
 * pushes a history entry without a server round trip (Next keeps useSearchParams in sync), so the
 * view is shareable and Back returns to the previous period; react-query fetches the new data.
 */
export function useReportRange(today: string): {
  range: ReportRange;
  setRange: (next: ReportRange) => void;
} {
  const searchParams = useSearchParams();
  const range = useMemo(() => readReportRange(searchParams, today), [searchParams, today]);
  const setRange = useCallback((next: ReportRange) => {
    const params = new URLSearchParams(window.location.search);
    params.set('from', next.from);
    params.set('to', next.to);
    window.history.pushState(null, '', `?${params.toString()}`);
  }, []);
  return { range, setRange };
}

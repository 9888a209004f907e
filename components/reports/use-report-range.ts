'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import {
  readReportControls,
  readReportRange,
  type ReportControls,
  type ReportRange,
} from '@/lib/metrics/report-range';

/** Pushes a history entry with some search params changed (a default value is removed). */
function pushSearch(changes: Record<string, string | null>) {
  const params = new URLSearchParams(window.location.search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) params.delete(name);
    else params.set(name, value);
  }
  window.history.pushState(null, '', `?${params.toString()}`);
}

/**
 * The period in the address bar (`?from&to`), defaulting to the last 30 complete days, and how it
 * is shown (`?compare` previous period / same period last year / none, `?granularity` day / week /
 * month). Changing them pushes a history entry without a server round trip (Next keeps
 * useSearchParams in sync), so the view is shareable and Back returns to the previous one;
 * react-query fetches the new data.
 */
export function useReportRange(today: string): {
  range: ReportRange;
  setRange: (next: ReportRange) => void;
  controls: ReportControls;
  setControls: (next: Partial<ReportControls>) => void;
} {
  const searchParams = useSearchParams();
  const range = useMemo(() => readReportRange(searchParams, today), [searchParams, today]);
  const controls = useMemo(() => readReportControls(searchParams), [searchParams]);
  const setRange = useCallback((next: ReportRange) => {
    pushSearch({ from: next.from, to: next.to });
  }, []);
  const setControls = useCallback((next: Partial<ReportControls>) => {
    const changes: Record<string, string | null> = {};
    // The chosen value stays in the URL, even the default, so a shared link says what it shows.
    if (next.comparison) changes.compare = next.comparison;
    if (next.granularity) changes.granularity = next.granularity;
    pushSearch(changes);
  }, []);
  return { range, setRange, controls, setControls };
}

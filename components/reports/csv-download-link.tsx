import { locationsCsvPath } from '@/lib/query/locations-report-query';
import type { ReportScope } from '@/lib/query/query-keys';
import type { ReportRange } from '@/lib/metrics/report-range';

/** Downloads the same report as CSV (same period, same locations — the route re-checks the session). */
export function CsvDownloadLink({
  range,
  scope,
  isDisabled,
}: {
  range: ReportRange;
  scope?: ReportScope;
  isDisabled?: boolean;
}) {
  const icon = (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M8 2v8m0 0L5 7m3 3 3-3M3 12.5h10"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
  if (isDisabled) {
    return (
      <span className="btn" aria-disabled="true" role="link">
        {icon}
        Download CSV
      </span>
    );
  }
  return (
    <a className="btn" href={locationsCsvPath(range, scope)} download>
      {icon}
      Download CSV
    </a>
  );
}

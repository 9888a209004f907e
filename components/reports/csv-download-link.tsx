import { locationsCsvPath, scopedSearchParams } from '@/lib/query/locations-report-query';
import type { ReportScope } from '@/lib/query/query-keys';
import type { ReportRange } from '@/lib/metrics/report-range';

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

/** One CSV download button: a link to a streaming CSV route (which re-checks the session). */
export function DownloadLink({
  href,
  label,
  isDisabled,
}: {
  href: string;
  label: string;
  isDisabled?: boolean;
}) {
  if (isDisabled) {
    return (
      <span className="btn" aria-disabled="true" role="link">
        {icon}
        {label}
      </span>
    );
  }
  return (
    <a className="btn" href={href} download>
      {icon}
      {label}
    </a>
  );
}

/**
 * The report's downloads for the same period and locations: the table as CSV ("Download CSV",
 * one row per location and currency) and the daily series behind the charts ("Download daily
 * CSV", one row per location, day and currency). The routes re-check the session.
 */
export function CsvDownloadLink({
  range,
  scope,
  isDisabled,
}: {
  range: ReportRange;
  scope?: ReportScope;
  isDisabled?: boolean;
}) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
      <DownloadLink
        href={locationsCsvPath(range, scope)}
        label="Download CSV"
        isDisabled={isDisabled}
      />
      <DownloadLink
        href={`/api/reports/daily.csv?${scopedSearchParams(range, scope)}`}
        label="Download daily CSV"
        isDisabled={isDisabled}
      />
    </div>
  );
}

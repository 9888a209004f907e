import Link from 'next/link';
import { Alert } from '@/components/ui/alert';
import { countStaleLocations } from '@/lib/metrics/count-stale-locations';
import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';

/**
 * A warning above a report when any location it shows is stale (never synced, or not synced for
 * longer than `staleAfterMinutes`): how many, and a link to the sync health page that says why.
 */
export function FreshnessBanner({
  rows,
  staleAfterMinutes,
}: {
  rows: readonly LocationsReportRow[];
  staleAfterMinutes: number;
}) {
  const stale = countStaleLocations(rows, new Date(), staleAfterMinutes);
  if (stale === 0) return null;
  const shown = new Set(rows.map((row) => row.locationId)).size;
  const what =
    shown === 1
      ? 'This location’s data is'
      : `${stale} of ${shown} locations shown have data that is`;
  return (
    <Alert
      tone="warning"
      title={`${what} out of date`}
      action={
        <Link href="/health" className="btn btn-small">
          See sync health
        </Link>
      }
    >
      <p>
        Not synced completely in the last {staleAfterMinutes} minutes, so the figures may be behind
        GoHighLevel.
      </p>
    </Alert>
  );
}

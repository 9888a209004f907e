/**
 * How many of the shown locations are stale: never completely synced, or last synced more than
 * `staleAfterMinutes` before `now` (the health page's rule: twice the incremental interval). A
 * location with several currency rows counts once.
 */
export function countStaleLocations(
  rows: readonly { locationId: string; dataAsOf: string | null }[],
  now: Date,
  staleAfterMinutes: number,
): number {
  const cutoff = now.getTime() - staleAfterMinutes * 60_000;
  const stale = new Set<string>();
  for (const row of rows) {
    if (row.dataAsOf === null || new Date(row.dataAsOf).getTime() < cutoff)
      stale.add(row.locationId);
  }
  return stale.size;
}

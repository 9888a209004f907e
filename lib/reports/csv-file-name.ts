/** Which export a file holds: the locations report (the default) or the daily series. */
export type CsvExportKind = 'locations' | 'daily';

/**
 * A location name made safe for file systems: no path separators, reserved or control
 * characters, no leading dot or formula sign, spaces as `-`, at most 60 characters; `location`
 * when nothing is left.
 */
export function fileSafeName(name: string): string {
  return (
    name
      .normalize('NFC')
      .replace(/[\p{Cc}\p{Cf}/\\:*?"<>|]+/gu, ' ')
      .replace(/^[\s.=+\-@]+/u, '')
      .trim()
      .replace(/\s+/gu, '-')
      .slice(0, 60)
      .replace(/[-.]+$/u, '') || 'location'
  );
}

/**
 * The download's file name: the period always, and for one location's report its name made safe
 * for file systems (`fileSafeName`), so a location's CSV never overwrites the agency-wide one.
 * Locations report: `agency-pulse-locations_<from>_<to>.csv`, one location
 * `agency-pulse_<name>_<from>_<to>.csv`; daily series: `agency-pulse-daily_[<name>_]<from>_<to>.csv`.
 */
export function csvFileName(
  report: { from: string; to: string },
  locationName?: string,
  kind: CsvExportKind = 'locations',
): string {
  const period = `${report.from}_${report.to}`;
  const prefix = kind === 'daily' ? 'agency-pulse-daily' : 'agency-pulse';
  if (locationName === undefined)
    return kind === 'daily' ? `${prefix}_${period}.csv` : `agency-pulse-locations_${period}.csv`;
  return `${prefix}_${fileSafeName(locationName)}_${period}.csv`;
}

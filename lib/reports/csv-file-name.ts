/**
 * The download's file name: the period always, and for one location's report its name made safe
 * for file systems (no path separators, reserved or control characters, no leading dot or formula
 * sign, at most 60 characters), so a location's CSV never overwrites the agency-wide one.
 */
export function csvFileName(report: { from: string; to: string }, locationName?: string): string {
  const period = `${report.from}_${report.to}`;
  if (locationName === undefined) return `agency-pulse-locations_${period}.csv`;
  const safe =
    locationName
      .normalize('NFC')
      .replace(/[\p{Cc}\p{Cf}/\\:*?"<>|]+/gu, ' ')
      .replace(/^[\s.=+\-@]+/u, '')
      .trim()
      .replace(/\s+/gu, '-')
      .slice(0, 60)
      .replace(/[-.]+$/u, '') || 'location';
  return `agency-pulse_${safe}_${period}.csv`;
}

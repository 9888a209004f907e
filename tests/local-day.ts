// The test oracle's local calendar day: Intl, independent of PostgreSQL and of lib/ (a shared bug
// in both would otherwise pass). One formatter per zone, kept.

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The `YYYY-MM-DD` local calendar day of an instant in an IANA zone, by Intl. */
export function localDay(iso: string, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}

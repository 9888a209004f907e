/**
 * Wall-clock time in an IANA zone, without a date library: `Intl` gives a zone's offset at an
 * instant, and `zonedTimeToInstant` inverts it with DST's two special cases made explicit — a
 * local time that does not exist (skipped by a spring-forward) maps to the first valid minute
 * after the gap, and a local time that exists twice (a fall-back) maps to its first occurrence.
 */

const MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** A local wall-clock reading: the calendar day and the minute of the day. */
export type WallTime = { day: string; hour: number; minute: number };

/** The wall-clock reading of an instant in a zone (seconds dropped). */
export function wallTimeOf(instant: Date, zone: string): WallTime {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** The local calendar day of an instant in a zone, `YYYY-MM-DD`. */
export function localDay(instant: Date, zone: string): string {
  return wallTimeOf(instant, zone).day;
}

/** The zone's offset from UTC at an instant, in minutes (London in summer: 60). */
function offsetMinutes(instantMs: number, zone: string): number {
  const wall = wallTimeOf(new Date(instantMs), zone);
  const asUtc = Date.parse(`${wall.day}T00:00:00Z`) + (wall.hour * 60 + wall.minute) * MINUTE;
  return Math.round((asUtc - Math.floor(instantMs / MINUTE) * MINUTE) / MINUTE);
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/**
 * The instant a local day and time happen in a zone. When the time is skipped by DST it is the
 * first minute after the gap (the transition itself); when it happens twice, the first time.
 */
export function zonedTimeToInstant(day: string, time: string, zone: string): Date {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const target: WallTime = { day, hour, minute };
  const naive = Date.parse(`${day}T00:00:00Z`) + (hour * 60 + minute) * MINUTE;
  // The offsets in force a day either side cover both sides of any transition on this day.
  const offsets = [
    ...new Set([offsetMinutes(naive - 86_400_000, zone), offsetMinutes(naive + 86_400_000, zone)]),
  ];
  const candidates = offsets
    .map((offset) => naive - offset * MINUTE)
    .filter((instant) => sameWall(wallTimeOf(new Date(instant), zone), target))
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return new Date(candidates[0]);

  // Skipped: find the transition (the first instant whose wall time is past the target).
  let low = naive - Math.max(...offsets) * MINUTE - 3 * 3_600_000;
  let high = naive - Math.min(...offsets) * MINUTE + 3 * 3_600_000;
  const isPast = (instant: number) => {
    const wall = wallTimeOf(new Date(instant), zone);
    return (
      wall.day > day || (wall.day === day && wall.hour * 60 + wall.minute > hour * 60 + minute)
    );
  };
  while (high - low > MINUTE) {
    const middle = Math.floor((low + high) / 2 / MINUTE) * MINUTE;
    if (isPast(middle)) high = middle;
    else low = middle;
  }
  return new Date(high);
}

/**
 * Time zones the simulated locations live in, and the local-midnight instants that expose
 * day-bucketing bugs (half-hour and 45-minute offsets, DST transitions, southern-hemisphere DST).
 */

export type ZoneInfo = {
  timezone: string;
  currency: string;
  country: string;
  state: string;
  city: string;
  phonePrefix: string;
};

/** The first twelve locations get these zones, in this order (the default world). */
export const PRIMARY_ZONES: readonly ZoneInfo[] = [
  {
    timezone: 'America/New_York',
    currency: 'USD',
    country: 'US',
    state: 'NY',
    city: 'New York',
    phonePrefix: '+1212',
  },
  {
    timezone: 'Asia/Kolkata',
    currency: 'INR',
    country: 'IN',
    state: 'MH',
    city: 'Mumbai',
    phonePrefix: '+9122',
  },
  {
    timezone: 'America/St_Johns',
    currency: 'CAD',
    country: 'CA',
    state: 'NL',
    city: "St. John's",
    phonePrefix: '+1709',
  },
  {
    timezone: 'Pacific/Auckland',
    currency: 'NZD',
    country: 'NZ',
    state: 'AUK',
    city: 'Auckland',
    phonePrefix: '+649',
  },
  {
    timezone: 'Europe/London',
    currency: 'GBP',
    country: 'GB',
    state: 'ENG',
    city: 'London',
    phonePrefix: '+4420',
  },
  {
    timezone: 'UTC',
    currency: 'USD',
    country: 'US',
    state: 'DE',
    city: 'Wilmington',
    phonePrefix: '+1302',
  },
  {
    timezone: 'Asia/Tokyo',
    currency: 'JPY',
    country: 'JP',
    state: '13',
    city: 'Tokyo',
    phonePrefix: '+813',
  },
  {
    timezone: 'US/Central',
    currency: 'USD',
    country: 'US',
    state: 'IL',
    city: 'Chicago',
    phonePrefix: '+1312',
  },
  {
    timezone: 'Australia/Adelaide',
    currency: 'AUD',
    country: 'AU',
    state: 'SA',
    city: 'Adelaide',
    phonePrefix: '+618',
  },
  {
    timezone: 'Asia/Kathmandu',
    currency: 'NPR',
    country: 'NP',
    state: 'BA',
    city: 'Kathmandu',
    phonePrefix: '+9771',
  },
  {
    timezone: 'Europe/Berlin',
    currency: 'EUR',
    country: 'DE',
    state: 'BE',
    city: 'Berlin',
    phonePrefix: '+4930',
  },
  {
    timezone: 'America/Los_Angeles',
    currency: 'USD',
    country: 'US',
    state: 'CA',
    city: 'Los Angeles',
    phonePrefix: '+1213',
  },
];

/** Further zones for locations past the first twelve (picked by the seeded stream). */
export const EXTRA_ZONES: readonly ZoneInfo[] = [
  {
    timezone: 'America/Chicago',
    currency: 'USD',
    country: 'US',
    state: 'TX',
    city: 'Dallas',
    phonePrefix: '+1214',
  },
  {
    timezone: 'America/Denver',
    currency: 'USD',
    country: 'US',
    state: 'CO',
    city: 'Denver',
    phonePrefix: '+1303',
  },
  {
    timezone: 'America/Phoenix',
    currency: 'USD',
    country: 'US',
    state: 'AZ',
    city: 'Phoenix',
    phonePrefix: '+1602',
  },
  {
    timezone: 'America/Anchorage',
    currency: 'USD',
    country: 'US',
    state: 'AK',
    city: 'Anchorage',
    phonePrefix: '+1907',
  },
  {
    timezone: 'Pacific/Honolulu',
    currency: 'USD',
    country: 'US',
    state: 'HI',
    city: 'Honolulu',
    phonePrefix: '+1808',
  },
  {
    timezone: 'America/Toronto',
    currency: 'CAD',
    country: 'CA',
    state: 'ON',
    city: 'Toronto',
    phonePrefix: '+1416',
  },
  {
    timezone: 'America/Sao_Paulo',
    currency: 'BRL',
    country: 'BR',
    state: 'SP',
    city: 'São Paulo',
    phonePrefix: '+5511',
  },
  {
    timezone: 'America/Mexico_City',
    currency: 'MXN',
    country: 'MX',
    state: 'CMX',
    city: 'Ciudad de México',
    phonePrefix: '+5255',
  },
  {
    timezone: 'Europe/Dublin',
    currency: 'EUR',
    country: 'IE',
    state: 'D',
    city: 'Dublin',
    phonePrefix: '+3531',
  },
  {
    timezone: 'Europe/Paris',
    currency: 'EUR',
    country: 'FR',
    state: 'IDF',
    city: 'Paris',
    phonePrefix: '+331',
  },
  {
    timezone: 'Africa/Johannesburg',
    currency: 'ZAR',
    country: 'ZA',
    state: 'GP',
    city: 'Johannesburg',
    phonePrefix: '+2711',
  },
  {
    timezone: 'Asia/Dubai',
    currency: 'AED',
    country: 'AE',
    state: 'DU',
    city: 'Dubai',
    phonePrefix: '+9714',
  },
  {
    timezone: 'Asia/Singapore',
    currency: 'SGD',
    country: 'SG',
    state: 'SG',
    city: 'Singapore',
    phonePrefix: '+65',
  },
  {
    timezone: 'Australia/Sydney',
    currency: 'AUD',
    country: 'AU',
    state: 'NSW',
    city: 'Sydney',
    phonePrefix: '+612',
  },
  {
    timezone: 'Pacific/Chatham',
    currency: 'NZD',
    country: 'NZ',
    state: 'CIT',
    city: 'Waitangi',
    phonePrefix: '+643',
  },
  ...PRIMARY_ZONES,
];

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** The zone's UTC offset in ms at instant `utcMs` (positive east of Greenwich). */
export function zoneOffsetMs(timezone: string, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The UTC instant of local 00:00 on the given local calendar date. */
export function localMidnightUtc(
  timezone: string,
  year: number,
  month: number,
  day: number,
): number {
  const guess = Date.UTC(year, month - 1, day);
  let instant = guess - zoneOffsetMs(timezone, guess);
  // A second pass settles dates whose offset differs between the guess and the answer.
  instant = guess - zoneOffsetMs(timezone, instant);
  return instant;
}

/** The local calendar date (y, m, d) at `utcMs`. */
export function localDate(
  timezone: string,
  utcMs: number,
): { year: number; month: number; day: number } {
  const local = new Date(utcMs + zoneOffsetMs(timezone, utcMs));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

const boundaryCache = new Map<string, number[]>();

/**
 * Local-midnight instants within (now - 400 days, now] that reports are likely to cut on: the
 * first of this and the previous two local months, the local day of each UTC-offset change in
 * the window (DST), and the day a week ago. Sorted ascending, de-duplicated.
 */
export function boundaryInstants(timezone: string, nowMs: number): number[] {
  const key = `${timezone}|${nowMs}`;
  const cached = boundaryCache.get(key);
  if (cached) return cached;
  const found = new Set<number>();
  const today = localDate(timezone, nowMs);
  for (let back = 0; back < 3; back++) {
    const monthIndex = today.month - 1 - back;
    const year = today.year + Math.floor(monthIndex / 12);
    const month = ((monthIndex % 12) + 12) % 12;
    found.add(localMidnightUtc(timezone, year, month + 1, 1));
  }
  const weekAgo = localDate(timezone, nowMs - 7 * DAY_MS);
  found.add(localMidnightUtc(timezone, weekAgo.year, weekAgo.month, weekAgo.day));
  let previousOffset = zoneOffsetMs(timezone, nowMs - 400 * DAY_MS);
  for (let t = nowMs - 399 * DAY_MS; t <= nowMs; t += DAY_MS) {
    const offset = zoneOffsetMs(timezone, t);
    if (offset !== previousOffset) {
      const date = localDate(timezone, t);
      found.add(localMidnightUtc(timezone, date.year, date.month, date.day));
      previousOffset = offset;
    }
  }
  const result = [...found]
    .filter((t) => t <= nowMs && t > nowMs - 400 * DAY_MS)
    .sort((a, b) => a - b);
  boundaryCache.set(key, result);
  return result;
}

import { ghlId, pitToken } from './ids';
import { COMPANY_NAMES, PRIMARY_LOCATION_NAMES, STREETS } from './names';
import { Rng, hash32 } from './prng';
import { EXTRA_ZONES, PRIMARY_ZONES, type ZoneInfo } from './timezones';
import type { LocationRecord, SimLocation, Sizes } from './types';

const DAY_MS = 86_400_000;
/** The location that uses two currencies in its payments (when the world has it). */
export const TWO_CURRENCY_LOCATION_INDEX = 4;
/** The location with more than 10,000 contacts in the default world. */
export const BIG_LOCATION_INDEX = 0;

export type SizesOverride = (index: number) => Partial<Sizes>;

/** Default record counts: one big location (10,500 contacts), the rest small. */
export function defaultSizes(seed: number, index: number): Sizes {
  if (index === BIG_LOCATION_INDEX) {
    return {
      contacts: 10_500,
      opportunities: 1_250,
      transactions: 420,
      orders: 160,
      subscriptions: 60,
    };
  }
  const rng = new Rng(hash32(seed, 0x512e, index));
  const contacts = rng.int(50, 400);
  return {
    contacts,
    opportunities: Math.round(contacts * rng.float(0.25, 0.6)) + 5,
    transactions: rng.int(20, 150),
    orders: rng.int(10, 60),
    subscriptions: rng.int(3, 25),
  };
}

export function zoneFor(seed: number, index: number): ZoneInfo {
  const primary = PRIMARY_ZONES[index];
  if (primary) return primary;
  return new Rng(hash32(seed, 0x2011e, index)).pick(EXTRA_ZONES);
}

export function buildLocation(
  seed: number,
  companyId: string,
  nowMs: number,
  index: number,
  sizes?: SizesOverride,
  names?: readonly string[],
): SimLocation {
  const zone = zoneFor(seed, index);
  const rng = new Rng(hash32(seed, 0x10ca, index));
  const name =
    (names ? names[index] : PRIMARY_LOCATION_NAMES[index]) ??
    `${rng.pick(COMPANY_NAMES)} ${zone.city} #${index}`;
  const currencies =
    index === TWO_CURRENCY_LOCATION_INDEX ? [zone.currency, 'EUR'] : [zone.currency];
  return {
    index,
    id: ghlId(seed, 0x10c, index),
    name,
    timezone: zone.timezone,
    companyId,
    currencies,
    token: pitToken(seed, 0x70c, index),
    sizes: { ...defaultSizes(seed, index), ...sizes?.(index) },
    // Older locations first, a minute apart, all before the data window starts.
    dateAdded: new Date(nowMs - 500 * DAY_MS + index * 60_000).toISOString(),
  };
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '')
      .toLowerCase() || 'loc'
  );
}

/** The full `GET /locations/{id}` record, including the PII the real API returns. */
export function locationRecord(seed: number, location: SimLocation): LocationRecord {
  const zone = zoneFor(seed, location.index);
  const rng = new Rng(hash32(seed, 0x1ec0, location.index));
  const domainSlug = slug(location.name).slice(0, 20);
  const address = `${rng.int(1, 999)} ${rng.pick(STREETS)}`;
  const postalCode = String(rng.int(10000, 99999));
  const phone = `${zone.phonePrefix}${rng.int(1_000_000, 9_999_999)}`;
  const firstName = rng.pick(['Alex', 'Sam', 'Jordan', 'Taylor', 'Chris', 'Zoë']);
  const lastName = rng.pick(['Owner', 'Manager', "O'Neil", 'Nguyễn']);
  return {
    id: location.id,
    companyId: location.companyId,
    name: location.name,
    domain: `${domainSlug}.example.com`,
    address,
    city: zone.city,
    state: zone.state,
    logoUrl: `https://assets.example.com/logos/${location.id}.png`,
    country: zone.country,
    postalCode,
    website: `https://${domainSlug}.example.com`,
    timezone: location.timezone,
    firstName,
    lastName,
    email: `${slug(firstName)}.${slug(lastName)}@${domainSlug}.example.com`,
    phone,
    business: {
      name: location.name,
      address,
      city: zone.city,
      state: zone.state,
      country: zone.country,
      postalCode,
      website: `https://${domainSlug}.example.com`,
      timezone: location.timezone,
      logoUrl: `https://assets.example.com/logos/${location.id}.png`,
    },
    social: {
      facebookUrl: `https://facebook.com/${domainSlug}`,
      googlePlus: '',
      linkedIn: '',
      foursquare: '',
      twitter: '',
      yelp: '',
      instagram: `https://instagram.com/${domainSlug}`,
      youtube: '',
      pinterest: '',
      blogRss: '',
      googlePlacesId: '',
    },
    settings: {
      allowDuplicateContact: false,
      allowDuplicateOpportunity: rng.chance(0.5),
      allowFacebookNameMerge: false,
      disableContactTimezone: false,
    },
    reseller: {},
    dateAdded: location.dateAdded,
  };
}

import { iso, spreadTime, type LocationContext } from './context';
import { ghlId } from './ids';
import {
  COMPANY_NAMES,
  FIRST_NAMES,
  LAST_NAMES,
  SOURCES,
  STREETS,
  TAGS,
  TRICKY_PEOPLE,
} from './names';
import { Rng, hash32 } from './prng';
import type { Contact, DndChannel, Stored } from './types';

export const ENTITY_CODE = {
  contacts: 1,
  opportunities: 2,
  transactions: 3,
  orders: 4,
  subscriptions: 5,
} as const;

// Shared, frozen sub-objects keep a 10,000-contact location small in memory.
const ACTIVE: DndChannel = Object.freeze({ status: 'active', message: '', code: '' }) as DndChannel;
const DND_ON: Contact['dndSettings'] = Object.freeze({ Email: ACTIVE, SMS: ACTIVE, Call: ACTIVE });
const DND_OFF: Contact['dndSettings'] = Object.freeze({});
const INBOUND_OFF: Contact['inboundDndSettings'] = Object.freeze({});
const EMPTY: never[] = Object.freeze([]) as unknown as never[];

export function contactId(ctx: LocationContext, key: number): string {
  return ghlId(ctx.seed, ENTITY_CODE.contacts, ctx.loc.index, key);
}

function ascii(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '')
      .toLowerCase() || 'x'
  );
}

/**
 * Contact `key` of a location. Keys below `ctx.boundaryTimes.length` are pinned to local-midnight
 * boundaries; `createdAt` (for records created by a mutation) overrides the generated dates.
 */
export function generateContact(
  ctx: LocationContext,
  key: number,
  createdAt?: number,
): Stored<Contact> {
  const rng = new Rng(hash32(ctx.seed, ENTITY_CODE.contacts, ctx.loc.index, key));
  const id = contactId(ctx, key);
  const tricky =
    key % 97 === 13 ? TRICKY_PEOPLE[Math.floor(key / 97) % TRICKY_PEOPLE.length] : undefined;
  const firstName = tricky ? tricky[0] : rng.pick(FIRST_NAMES);
  const lastName = tricky ? tricky[1] : rng.pick(LAST_NAMES);
  const source = rng.pick(SOURCES);

  let added: number;
  let updated: number;
  const boundary = ctx.boundaryTimes[key];
  if (createdAt !== undefined) {
    added = createdAt;
    updated = createdAt;
  } else if (boundary !== undefined) {
    added = boundary;
    updated = boundary;
  } else {
    added = source === 'import' ? rng.pick(ctx.importTimes) : spreadTime(rng, ctx.nowMs);
    updated = rng.chance(0.4) ? added : Math.floor(added + rng.next() * (ctx.nowMs - added));
  }

  const hasEmail = rng.chance(0.95);
  const hasPhone = rng.chance(0.9);
  const dnd = rng.chance(0.05);
  const tagCount = rng.int(0, 3);
  const tags: string[] = [];
  for (let t = 0; t < tagCount; t++) {
    const tag = rng.pick(TAGS);
    if (!tags.includes(tag)) tags.push(tag);
  }
  const companyName = rng.chance(0.5) ? rng.pick(COMPANY_NAMES) : null;
  const email = hasEmail ? `${ascii(firstName)}.${ascii(lastName)}${key}@example.com` : null;
  const rec: Contact = {
    id,
    locationId: ctx.loc.id,
    contactName: `${firstName} ${lastName}`.toLowerCase(),
    firstName,
    lastName,
    firstNameRaw: firstName,
    lastNameRaw: lastName,
    companyName,
    email,
    phone: hasPhone ? `${ctx.zone.phonePrefix}${rng.int(1_000_000, 9_999_999)}` : null,
    phoneLabel: hasPhone ? 'mobile' : null,
    dnd,
    dndSettings: dnd ? DND_ON : DND_OFF,
    inboundDndSettings: INBOUND_OFF,
    type: rng.chance(0.8) ? 'lead' : 'customer',
    source,
    assignedTo: rng.chance(0.7) ? rng.pick(ctx.userIds) : null,
    address: `${rng.int(1, 999)} ${rng.pick(STREETS)}`,
    city: ctx.zone.city,
    state: ctx.zone.state,
    country: ctx.zone.country,
    postalCode: String(rng.int(10000, 99999)),
    website: rng.chance(0.1) ? `https://${ascii(lastName)}.example.com` : null,
    timezone: ctx.loc.timezone,
    businessName: companyName,
    dateOfBirth: rng.chance(0.3)
      ? Date.UTC(rng.int(1950, 2005), rng.int(0, 11), rng.int(1, 28))
      : null,
    dateAdded: iso(added),
    dateUpdated: iso(updated),
    tags,
    customFields: rng.chance(0.5)
      ? [
          {
            id: ctx.customFieldIds[0] ?? 'cf',
            value: rng.pick(['Gold', 'Silver', 'Bronze', 'Gold, Plus']),
          },
        ]
      : EMPTY,
    followers: EMPTY,
    businessId: null,
    attributions: rng.chance(0.5)
      ? [{ url: 'https://example.com/landing', utmSource: source, medium: 'form', isFirst: true }]
      : EMPTY,
    additionalEmails: EMPTY,
    additionalPhones: EMPTY,
    validEmail: hasEmail && rng.chance(0.95),
  };
  return { key, id, added, updated, rec };
}

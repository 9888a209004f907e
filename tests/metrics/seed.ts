import type { Db } from '@/lib/db/client';
import { SYNC_ENTITIES, type SyncEntity } from '@/lib/sync/types';

/**
 * Seed helpers for metric tests: facts written straight into the tables the sync fills, so each
 * test states exactly the rows a definition is checked against. Ids are generated when omitted.
 */

/** `never_synced` = access ok but no completed sync (checkpoint without lastSuccessAt). */
export type SeedAccess =
  'ok' | 'scope_missing' | 'forbidden' | 'token_revoked' | 'error' | 'never_synced';

export type SeedLocationInput = {
  id: string;
  name?: string;
  timezone?: string;
  archivedAt?: Date | null;
  lastSyncedAt?: Date | null;
  /** Per-entity access; every entity not listed is 'ok' with a completed sync. */
  access?: Partial<Record<SyncEntity, SeedAccess>>;
};

const SYNCED_AT = new Date('2030-01-01T00:00:00.000Z');
let counter = 0;
const nextId = (prefix: string) => `${prefix}_${++counter}`;

/** A location with location_access and sync_checkpoints rows for every entity. */
export async function seedLocation(db: Db, input: SeedLocationInput): Promise<void> {
  await db.location.create({
    data: {
      id: input.id,
      companyId: 'comp_test',
      name: input.name ?? input.id,
      timezone: input.timezone ?? 'UTC',
      archivedAt: input.archivedAt ?? null,
      lastSyncedAt: input.lastSyncedAt === undefined ? SYNCED_AT : input.lastSyncedAt,
    },
  });
  const access = Object.fromEntries(SYNC_ENTITIES.map((e) => [e, input.access?.[e] ?? 'ok']));
  await setAccess(db, input.id, access);
}

/** Replaces the access status (and completed-sync flag) of some entities of a location. */
export async function setAccess(
  db: Db,
  locationId: string,
  access: Partial<Record<SyncEntity, SeedAccess>>,
): Promise<void> {
  for (const [entity, state] of Object.entries(access)) {
    const status = state === 'never_synced' ? 'ok' : (state ?? 'ok');
    const lastSuccessAt = state === 'ok' ? SYNCED_AT : null;
    await db.locationAccess.upsert({
      where: { locationId_entity: { locationId, entity } },
      create: { locationId, entity, status, seenAt: SYNCED_AT },
      update: { status },
    });
    await db.syncCheckpoint.upsert({
      where: { locationId_entity: { locationId, entity } },
      create: { locationId, entity, lastSuccessAt },
      update: { lastSuccessAt },
    });
  }
}

const at = (value: string | Date) => (value instanceof Date ? value : new Date(value));

/** Contacts added at the given instants. */
export async function seedContacts(
  db: Db,
  locationId: string,
  dateAdded: (string | Date)[],
): Promise<string[]> {
  const rows = dateAdded.map((date) => ({
    locationId,
    id: nextId('c'),
    dateAdded: at(date),
    seenAt: SYNCED_AT,
  }));
  await db.contact.createMany({ data: rows });
  return rows.map((row) => row.id);
}

export type SeedOpportunity = {
  id?: string;
  createdAt: string | Date;
  status?: 'open' | 'won' | 'lost' | 'abandoned';
  monetaryValue?: string | null;
  lastStatusChangeAt?: string | Date | null;
};

/** Opportunities (status open unless given). */
export async function seedOpportunities(
  db: Db,
  locationId: string,
  opportunities: SeedOpportunity[],
): Promise<string[]> {
  const rows = opportunities.map((o) => ({
    locationId,
    id: o.id ?? nextId('o'),
    pipelineId: 'p_1',
    status: o.status ?? 'open',
    monetaryValue: o.monetaryValue ?? null,
    createdAt: at(o.createdAt),
    lastStatusChangeAt: o.lastStatusChangeAt ? at(o.lastStatusChangeAt) : null,
    seenAt: SYNCED_AT,
  }));
  await db.opportunity.createMany({ data: rows });
  return rows.map((row) => row.id);
}

export type SeedTransaction = {
  id?: string;
  createdAt: string | Date;
  amount: string;
  amountRefunded?: string;
  currency?: string;
  status?: string;
  liveMode?: boolean;
};

/** Transactions (succeeded, live, USD unless given). */
export async function seedTransactions(
  db: Db,
  locationId: string,
  transactions: SeedTransaction[],
): Promise<string[]> {
  const rows = transactions.map((t) => ({
    locationId,
    id: t.id ?? nextId('t'),
    status: t.status ?? 'succeeded',
    liveMode: t.liveMode ?? true,
    amount: t.amount,
    amountRefunded: t.amountRefunded ?? '0',
    currency: t.currency ?? 'USD',
    createdAt: at(t.createdAt),
    seenAt: SYNCED_AT,
  }));
  await db.transaction.createMany({ data: rows });
  return rows.map((row) => row.id);
}

export type SeedSubscription = { status?: string; liveMode?: boolean; currency?: string };

/** Subscriptions (active, live unless given). */
export async function seedSubscriptions(
  db: Db,
  locationId: string,
  subscriptions: SeedSubscription[],
): Promise<void> {
  await db.subscription.createMany({
    data: subscriptions.map((s) => ({
      locationId,
      id: nextId('s'),
      status: s.status ?? 'active',
      liveMode: s.liveMode ?? true,
      amount: '10',
      currency: s.currency ?? 'USD',
      createdAt: new Date('2024-01-01T00:00:00Z'),
      seenAt: SYNCED_AT,
    })),
  });
}

export type RollupRow = {
  day: string;
  currency: string;
  newContacts: number;
  opportunitiesCreated: number;
  opportunitiesWon: number;
  opportunitiesLost: number;
  wonValue: string;
  paymentsCount: number;
  paymentsGross: string;
  paymentsRefunded: string;
};

/** A location's daily_rollups rows as plain values, ordered by day and currency. */
export async function readRollups(db: Db, locationId: string): Promise<RollupRow[]> {
  const rows = await db.dailyRollup.findMany({
    where: { locationId },
    orderBy: [{ day: 'asc' }, { currency: 'asc' }],
  });
  return rows.map((r) => ({
    day: r.day.toISOString().slice(0, 10),
    currency: r.currency,
    newContacts: r.newContacts,
    opportunitiesCreated: r.opportunitiesCreated,
    opportunitiesWon: r.opportunitiesWon,
    opportunitiesLost: r.opportunitiesLost,
    wonValue: r.wonValue.toFixed(2),
    paymentsCount: r.paymentsCount,
    paymentsGross: r.paymentsGross.toFixed(4),
    paymentsRefunded: r.paymentsRefunded.toFixed(4),
  }));
}

import type { LocationContext } from './context';
import { ENTITY_CODE, generateContact } from './gen-contacts';
import { generateOpportunity } from './gen-opportunities';
import { generateOrder, generateSubscription, generateTransaction } from './gen-payments';
import {
  CHURN_KEY_BASE,
  CHURN_KEY_STRIDE,
  type ChurnRound,
  type EntityOverlay,
  type Patch,
} from './overlay';
import { UPDATED_FIELD, autoPatch } from './patches';
import { hash32, unitFromHash } from './prng';
import type { AnyRecord, EntityName, Stored } from './types';

type Generator = (ctx: LocationContext, key: number, createdAt?: number) => Stored<AnyRecord>;

export const GENERATORS: Record<EntityName, Generator> = {
  contacts: generateContact,
  opportunities: generateOpportunity,
  transactions: generateTransaction,
  orders: generateOrder,
  subscriptions: generateSubscription,
};

/** A location's live records of one entity, with lookups and a per-query result cache. */
export type EntityStore<T = AnyRecord> = {
  list: Stored<T>[];
  byId: Map<string, Stored<T>>;
  /** Filtered + sorted views keyed by a normalised query; dropped with the store on mutation. */
  queryCache: Map<string, unknown[]>;
};

/** How many records churn round `round` creates for this location and entity. */
export function churnCreateCount(
  ctx: LocationContext,
  entity: EntityName,
  round: ChurnRound,
): number {
  const expected = ctx.loc.sizes[entity] * round.fraction * round.createShare;
  const dither = unitFromHash(
    hash32(ctx.seed, 0xc4ea, round.round, ctx.loc.index, ENTITY_CODE[entity]),
  );
  return Math.floor(expected + dither);
}

function applyPatch(
  stored: Stored<AnyRecord>,
  set: Record<string, unknown>,
  at: number,
  entity: EntityName,
): Stored<AnyRecord> {
  const rec = { ...stored.rec, ...set } as AnyRecord;
  // A caller may set the updated field explicitly; the index must agree with what is served.
  const updated = Date.parse(String((rec as Record<string, unknown>)[UPDATED_FIELD[entity]]));
  return {
    key: stored.key,
    id: stored.id,
    added: stored.added,
    updated: Number.isNaN(updated) ? at : updated,
    rec,
  };
}

/**
 * Builds the current records: generated base + created batches + churn creations, then every
 * update (explicit patches and churn rounds) in time order, minus deletions.
 */
export function materialise(
  ctx: LocationContext,
  entity: EntityName,
  overlay: EntityOverlay,
  rounds: readonly ChurnRound[],
): EntityStore {
  const generate = GENERATORS[entity];
  const code = ENTITY_CODE[entity];
  const born: Stored<AnyRecord>[] = [];
  const size = ctx.loc.sizes[entity];
  for (let key = 0; key < size; key++) born.push(generate(ctx, key));
  // Created batches and churn creations, in the order they happened.
  const creations: { at: number; keys: number[] }[] = overlay.created.map((batch) => ({
    at: batch.at,
    keys: Array.from({ length: batch.count }, (_, j) => batch.firstKey + j),
  }));
  for (const round of rounds) {
    const count = churnCreateCount(ctx, entity, round);
    const first = CHURN_KEY_BASE + round.round * CHURN_KEY_STRIDE;
    creations.push({ at: round.at, keys: Array.from({ length: count }, (_, j) => first + j) });
  }
  creations.sort((a, b) => a.at - b.at);
  for (const creation of creations) {
    for (const key of creation.keys) born.push(generate(ctx, key, creation.at));
  }

  const list: Stored<AnyRecord>[] = [];
  const byId = new Map<string, Stored<AnyRecord>>();
  for (const original of born) {
    if (overlay.deleted.has(original.id)) continue;
    let stored = original;
    let deleted = false;
    const patches: readonly Patch[] = overlay.patches.get(stored.id) ?? [];
    let p = 0;
    for (const round of rounds) {
      if (round.at <= stored.added) continue;
      while (p < patches.length && (patches[p] as Patch).seq < round.seq) {
        const patch = patches[p++] as Patch;
        stored = applyPatch(stored, patch.set, patch.at, entity);
      }
      const roll = unitFromHash(
        hash32(ctx.seed, 0xc4, round.round, ctx.loc.index, code, stored.key),
      );
      const deleteCut = round.fraction * round.deleteShare;
      const updateCut = deleteCut + round.fraction * (1 - round.createShare - round.deleteShare);
      if (roll < deleteCut) {
        deleted = true;
        break;
      }
      if (roll < updateCut) {
        const hash = hash32(ctx.seed, 0xc5, round.round, ctx.loc.index, code, stored.key);
        stored = applyPatch(
          stored,
          autoPatch(entity, stored.rec, round.at, hash),
          round.at,
          entity,
        );
      }
    }
    if (deleted) continue;
    while (p < patches.length) {
      const patch = patches[p++] as Patch;
      stored = applyPatch(stored, patch.set, patch.at, entity);
    }
    list.push(stored);
    byId.set(stored.id, stored);
  }
  return { list, byId, queryCache: new Map() };
}

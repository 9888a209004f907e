import type { EntityName, JsonObject } from './types';

/** A caller-visible change to one record, applied when the location is materialised. */
export type Patch = { at: number; seq: number; set: JsonObject };
/** Records created by one mutation: keys `firstKey … firstKey + count - 1`, all added at `at`. */
export type CreatedBatch = { at: number; firstKey: number; count: number };

export type EntityOverlay = {
  created: CreatedBatch[];
  patches: Map<string, Patch[]>;
  deleted: Set<string>;
  /** Next key for created records; far above any base index so ids never collide. */
  nextKey: number;
};

/** A global "change ~fraction of every location's records" round (the benchmark helper). */
export type ChurnRound = {
  round: number;
  at: number;
  seq: number;
  fraction: number;
  createShare: number;
  deleteShare: number;
};

export const CREATED_KEY_BASE = 10_000_000;
export const CHURN_KEY_BASE = 1_000_000_000;
export const CHURN_KEY_STRIDE = 1_000_000;

export function emptyEntityOverlay(): EntityOverlay {
  return { created: [], patches: new Map(), deleted: new Set(), nextKey: CREATED_KEY_BASE };
}

export type LocationOverlay = Record<EntityName, EntityOverlay>;

export function emptyLocationOverlay(): LocationOverlay {
  return {
    contacts: emptyEntityOverlay(),
    opportunities: emptyEntityOverlay(),
    transactions: emptyEntityOverlay(),
    orders: emptyEntityOverlay(),
    subscriptions: emptyEntityOverlay(),
  };
}

import { hash32 } from './prng';
import { withTimestamps, autoPatch } from './patches';
import { ENTITY_CODE } from './gen-contacts';
import type { EntityStore } from './materialise';
import type { LocationOverlay } from './overlay';
import type { AnyRecord, EntityName, JsonObject, SimLocation, Stored } from './types';
import { ENTITY_NAMES } from './types';

/** `n` picks n live records deterministically; a list names them (optionally with fields to set). */
export type UpdateSpec = number | (string | { id: string; set?: JsonObject })[];

export type Mutation = {
  create?: Partial<Record<EntityName, number>>;
  update?: Partial<Record<EntityName, UpdateSpec>>;
  delete?: Partial<Record<EntityName, number | string[]>>;
  /** When the change happens (default: the virtual clock + 1 s). */
  at?: string | number;
};

export type MutationResult = {
  at: string;
  created: Partial<Record<EntityName, string[]>>;
  updated: Partial<Record<EntityName, string[]>>;
  deleted: Partial<Record<EntityName, string[]>>;
};

/**
 * What a mutation needs from the world, handed in by `World.mutate`: this module does not import
 * the World, so the dependency runs one way and the World keeps its clock, overlays and cache
 * private.
 */
export type MutationTarget = {
  seed: number;
  loc: SimLocation;
  /** The location's overlay, which the mutation extends. */
  overlay: LocationOverlay;
  /** The location's materialised store of one entity (rebuilt with the overlay after `invalidate`). */
  store(entity: EntityName): EntityStore;
  /** Drops the location's materialised stores. */
  invalidate(): void;
  /** Advances the virtual clock (see `World`) and returns the instant of the change. */
  tick(at?: string | number): number;
  nextSeq(): number;
};

function checkEntities(section: string, value: object | undefined): void {
  for (const key of Object.keys(value ?? {})) {
    if (!ENTITY_NAMES.includes(key as EntityName))
      throw new Error(`mutate.${section}: unknown entity ${key}`);
  }
}

/** Deterministic pick of `n` live records not in `exclude`. */
function pick(
  target: MutationTarget,
  entity: EntityName,
  n: number,
  seq: number,
  exclude: Set<string>,
): Stored[] {
  const live = target.store(entity).list.filter((s) => !exclude.has(s.id));
  const code = ENTITY_CODE[entity];
  return live
    .map((stored) => ({
      stored,
      rank: hash32(target.seed, 0x3a7, seq, target.loc.index, code, stored.key),
    }))
    .sort((a, b) => a.rank - b.rank || a.stored.key - b.stored.key)
    .slice(0, n)
    .map((entry) => entry.stored);
}

/**
 * Applies one mutation to a location's overlay: updates first, then deletes (never of a record
 * updated in the same call), then creations. Everything happens at one instant.
 */
export function applyMutation(target: MutationTarget, mutation: Mutation): MutationResult {
  checkEntities('create', mutation.create);
  checkEntities('update', mutation.update);
  checkEntities('delete', mutation.delete);
  const { loc, overlay } = target;
  const at = target.tick(mutation.at);
  const seq = target.nextSeq();
  const result: MutationResult = {
    at: new Date(at).toISOString(),
    created: {},
    updated: {},
    deleted: {},
  };
  const touched = new Map<EntityName, Set<string>>();

  for (const entity of ENTITY_NAMES) {
    const spec = mutation.update?.[entity];
    if (spec === undefined) continue;
    const store = target.store(entity);
    const targets: { stored: Stored; set?: JsonObject }[] =
      typeof spec === 'number'
        ? pick(target, entity, spec, seq, new Set()).map((stored) => ({ stored }))
        : spec.map((item) => {
            const id = typeof item === 'string' ? item : item.id;
            const stored = store.byId.get(id);
            if (!stored) throw new Error(`mutate.update: no ${entity} ${id} in ${loc.id}`);
            return { stored, set: typeof item === 'string' ? undefined : item.set };
          });
    const ids: string[] = [];
    for (const { stored, set } of targets) {
      const rec: AnyRecord = stored.rec;
      const patch = set
        ? withTimestamps(entity, rec, at, set)
        : autoPatch(entity, rec, at, hash32(target.seed, 0x9a7, seq, loc.index, stored.key));
      const list = overlay[entity].patches.get(stored.id) ?? [];
      list.push({ at, seq, set: patch });
      overlay[entity].patches.set(stored.id, list);
      ids.push(stored.id);
    }
    touched.set(entity, new Set(ids));
    result.updated[entity] = ids;
  }

  for (const entity of ENTITY_NAMES) {
    const spec = mutation.delete?.[entity];
    if (spec === undefined) continue;
    const store = target.store(entity);
    const ids =
      typeof spec === 'number'
        ? pick(target, entity, spec, seq, touched.get(entity) ?? new Set()).map((s) => s.id)
        : spec.map((id) => {
            if (!store.byId.has(id))
              throw new Error(`mutate.delete: no ${entity} ${id} in ${loc.id}`);
            return id;
          });
    for (const id of ids) overlay[entity].deleted.add(id);
    result.deleted[entity] = ids;
  }

  target.invalidate();

  for (const entity of ENTITY_NAMES) {
    const count = mutation.create?.[entity];
    if (!count) continue;
    const entityOverlay = overlay[entity];
    const firstKey = entityOverlay.nextKey;
    entityOverlay.nextKey += count;
    entityOverlay.created.push({ at, firstKey, count });
    target.invalidate();
    const store = target.store(entity);
    result.created[entity] = store.list
      .filter((s) => s.key >= firstKey && s.key < firstKey + count)
      .map((s) => s.id);
  }
  return result;
}

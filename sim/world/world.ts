import { buildContext, type LocationContext } from './context';
import { buildLocation, locationRecord, type SizesOverride } from './locations';
import { ghlId, pitToken } from './ids';
import { WeightedLru } from './lru';
import { storedJson } from '../raw-json';
import { materialise, type EntityStore } from './materialise';
import { applyMutation, type Mutation, type MutationResult } from './mutate';
import { emptyLocationOverlay, type ChurnRound, type LocationOverlay } from './overlay';
import type { EntityName, EntityRecord, LocationRecord, Pipeline, SimLocation } from './types';

export type WorldOptions = {
  /** Seed for all generated data (default 1). */
  seed?: number;
  /** Number of locations, 1 … 5,000 (default 12). */
  locations?: number;
  /** Agency id (default derived from the seed). */
  companyId?: string;
  /** The agency PIT (default derived from the seed). */
  agencyToken?: string;
  /** Reference "now": data lies in the ~400 days before it (default 2026-11-01T00:00:00Z). */
  now?: string | number | Date;
  /** Per-location record counts, merged over the defaults. */
  sizes?: SizesOverride;
  /** How many generated records to keep materialised across locations (LRU; default 200,000 ≈ 270 MB of contacts). */
  cacheRecords?: number;
  /** Location names by index (e.g. DEMO_LOCATION_NAMES), in place of the test names. */
  locationNames?: readonly string[];
};

export type ChurnOptions = {
  /** Share of every location's records to change (default 0.01). */
  fraction?: number;
  /** Share of the changes that are new records (default 0.2). */
  createShare?: number;
  /** Share of the changes that are deletions (default 0: incremental syncs cannot see deletes). */
  deleteShare?: number;
  at?: string | number;
};

export const DEFAULT_NOW = '2026-11-01T00:00:00.000Z';
export const MAX_LOCATIONS = 5_000;

/**
 * The simulated agency: locations (built eagerly, they are small) and their records (generated
 * lazily from the seed, kept in a weighted LRU, rebuilt with the mutation overlay when needed).
 */
export class World {
  readonly seed: number;
  readonly companyId: string;
  readonly agencyToken: string;
  readonly referenceNowMs: number;
  private clockMs: number;
  private seq = 0;
  private readonly sizes: SizesOverride | undefined;
  private readonly locationNames: readonly string[] | undefined;
  private active: SimLocation[] = [];
  private nextIndex = 0;
  private readonly byId = new Map<string, SimLocation>();
  private readonly byToken = new Map<string, SimLocation>();
  private readonly contexts = new WeightedLru<number, LocationContext>(1_024);
  private readonly stores: WeightedLru<string, EntityStore>;
  private readonly overlays = new Map<number, LocationOverlay>();
  readonly rounds: ChurnRound[] = [];
  /** Called after every `mutate` (the webhook sender listens here: sim/webhooks/). */
  readonly mutationListeners: Array<(locationId: string, result: MutationResult) => void> = [];

  constructor(options: WorldOptions = {}) {
    this.seed = options.seed ?? 1;
    const now = options.now ?? DEFAULT_NOW;
    this.referenceNowMs = typeof now === 'number' ? now : new Date(now).getTime();
    if (Number.isNaN(this.referenceNowMs)) throw new Error(`invalid now: ${String(now)}`);
    this.clockMs = this.referenceNowMs;
    this.companyId = options.companyId ?? ghlId(this.seed, 0xc0);
    this.agencyToken = options.agencyToken ?? pitToken(this.seed, 0xa9e);
    this.sizes = options.sizes;
    this.locationNames = options.locationNames;
    this.stores = new WeightedLru(options.cacheRecords ?? 200_000);
    const count = options.locations ?? 12;
    if (!Number.isInteger(count) || count < 1 || count > MAX_LOCATIONS) {
      throw new Error(`locations must be an integer in 1…${MAX_LOCATIONS}`);
    }
    this.addLocations(count);
  }

  /** Active locations, oldest first. */
  get locations(): readonly SimLocation[] {
    return this.active;
  }

  location(id: string): SimLocation | undefined {
    return this.byId.get(id);
  }

  locationByToken(token: string): SimLocation | undefined {
    return this.byToken.get(token);
  }

  /** The location's own PIT (accepted in both access modes, for its own location only). */
  locationToken(id: string): string {
    return this.require(id).token;
  }

  /** The `GET /locations/{id}` record. */
  locationRecord(id: string): LocationRecord {
    return locationRecord(this.seed, this.require(id));
  }

  /** Current virtual time: the reference now, advanced by each mutation. */
  now(): string {
    return new Date(this.clockMs).toISOString();
  }

  referenceNow(): string {
    return new Date(this.referenceNowMs).toISOString();
  }

  pipelines(id: string): Pipeline[] {
    return this.context(this.require(id)).pipelines;
  }

  /** Ground truth: the records the API serves for this location right now (do not mutate them). */
  records<E extends EntityName>(id: string, entity: E): EntityRecord[E][] {
    return this.store(id, entity).list.map((stored) => stored.rec as EntityRecord[E]);
  }

  contacts(id: string) {
    return this.records(id, 'contacts');
  }
  opportunities(id: string) {
    return this.records(id, 'opportunities');
  }
  transactions(id: string) {
    return this.records(id, 'transactions');
  }
  orders(id: string) {
    return this.records(id, 'orders');
  }
  subscriptions(id: string) {
    return this.records(id, 'subscriptions');
  }

  /** The materialised store the routes query (generated on first use). */
  store(id: string, entity: EntityName): EntityStore {
    const loc = this.require(id);
    const cacheKey = `${loc.index}:${entity}`;
    const cached = this.stores.get(cacheKey);
    if (cached) return cached;
    const built = materialise(this.context(loc), entity, this.overlay(loc)[entity], this.rounds);
    this.stores.set(cacheKey, built, Math.max(1, built.list.length));
    return built;
  }

  /**
   * Generates a store and encodes every record's JSON now, so that serving it later costs no
   * generation or serialisation (benchmarks: GHL does not build its responses on our CPU).
   */
  prepare(id: string, entity: EntityName): void {
    for (const stored of this.store(id, entity).list) storedJson(stored);
  }

  context(loc: SimLocation): LocationContext {
    const cached = this.contexts.get(loc.index);
    if (cached) return cached;
    const built = buildContext(this.seed, this.referenceNowMs, loc);
    this.contexts.set(loc.index, built, 1);
    return built;
  }

  /** Creates, updates and deletes records of one location (see `Mutation`). */
  mutate(id: string, mutation: Mutation): MutationResult {
    const loc = this.require(id);
    const result = applyMutation(
      {
        seed: this.seed,
        loc,
        overlay: this.overlay(loc),
        store: (entity) => this.store(id, entity),
        invalidate: () => this.invalidate(loc),
        tick: (at) => this.tick(at),
        nextSeq: () => this.nextSeq(),
      },
      mutation,
    );
    for (const listener of this.mutationListeners) listener(id, result);
    return result;
  }

  /** Changes ~`fraction` of every location's records, deterministically, without generating them. */
  churn(options: ChurnOptions = {}): { round: number; at: string } {
    const fraction = options.fraction ?? 0.01;
    const createShare = options.createShare ?? 0.2;
    const deleteShare = options.deleteShare ?? 0;
    if (
      !(fraction > 0 && fraction <= 1) ||
      createShare < 0 ||
      deleteShare < 0 ||
      createShare + deleteShare > 1
    ) {
      throw new Error('churn: fraction must be in (0, 1] and createShare + deleteShare ≤ 1');
    }
    const at = this.tick(options.at);
    const round = this.rounds.length;
    this.rounds.push({ round, at, seq: this.nextSeq(), fraction, createShare, deleteShare });
    this.stores.clear();
    return { round, at: new Date(at).toISOString() };
  }

  /** Adds locations (new sub-accounts appear in `/locations/search`). */
  addLocations(count: number): SimLocation[] {
    const added: SimLocation[] = [];
    for (let i = 0; i < count; i++) {
      const loc = buildLocation(
        this.seed,
        this.companyId,
        this.referenceNowMs,
        this.nextIndex++,
        this.sizes,
        this.locationNames,
      );
      this.active.push(loc);
      this.byId.set(loc.id, loc);
      this.byToken.set(loc.token, loc);
      added.push(loc);
    }
    return added;
  }

  /** Removes a location: it disappears from search, its id gets 403 and its PIT 401. */
  removeLocation(id: string): boolean {
    const loc = this.byId.get(id);
    if (!loc) return false;
    this.active = this.active.filter((l) => l.id !== id);
    this.byId.delete(id);
    this.byToken.delete(loc.token);
    this.invalidate(loc);
    return true;
  }

  /** How much is generated and held right now (for the memory test). */
  cacheStats(): { materialisedRecords: number; materialisedStores: number } {
    return { materialisedRecords: this.stores.weight, materialisedStores: this.stores.size };
  }

  private overlay(loc: SimLocation): LocationOverlay {
    let overlay = this.overlays.get(loc.index);
    if (!overlay) {
      overlay = emptyLocationOverlay();
      this.overlays.set(loc.index, overlay);
    }
    return overlay;
  }

  private invalidate(loc: SimLocation): void {
    this.stores.deleteWhere((key) => key.startsWith(`${loc.index}:`));
  }

  /** Advances the virtual clock (1 s per change unless `at` says otherwise) and returns it. */
  private tick(at?: string | number): number {
    const requested =
      at === undefined ? this.clockMs + 1_000 : typeof at === 'number' ? at : Date.parse(at);
    if (Number.isNaN(requested)) throw new Error(`invalid at: ${String(at)}`);
    this.clockMs = Math.max(this.clockMs, requested);
    return requested;
  }

  private nextSeq(): number {
    return ++this.seq;
  }

  private require(id: string): SimLocation {
    const loc = this.byId.get(id);
    if (!loc) throw new Error(`unknown location ${id}`);
    return loc;
  }
}

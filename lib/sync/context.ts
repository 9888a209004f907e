import 'server-only';
import type { Db } from '@/lib/db/client';
import type { GhlClient } from '@/lib/ghl/client';
import type { CredentialResolver } from '@/lib/ghl/credentials';
import type { OAuthTokenSource } from '@/lib/oauth/create-oauth-token-source';
import { recomputeDailyRollups } from './rollups/recompute-daily-rollups';
import type { EntityOutcome, LocationOutcome, SyncEntity } from './types';

/** Progress notifications (CLI progress bar, logs, tests). Handlers must not throw. */
export type SyncEvents = {
  /** After each committed page. Tests may throw from here to simulate a crash after N pages. */
  onPage?(event: {
    locationId: string;
    entity: SyncEntity;
    records: number;
    pages: number;
  }): void | Promise<void>;
  /** After discovery: how many locations this run will sync. */
  onDiscovered?(event: { total: number; archived: string[] }): void;
  onEntity?(event: { locationId: string; outcome: EntityOutcome }): void;
  onLocation?(outcome: LocationOutcome): void;
  /** One human-readable line (never contains a token). */
  log?(line: string): void;
};

/** Everything a sync step needs; built once per process by `createSyncContext`. */
export type SyncContext = {
  db: Db;
  ghl: GhlClient;
  credentials: CredentialResolver;
  /** For the per-location advisory lock, which needs a dedicated connection. */
  databaseUrl: string;
  recompute: (db: Db, locationId: string, touched: Date[] | 'all') => Promise<unknown>;
  now: () => Date;
  /** How far before the contacts watermark an incremental read starts (index lag, clock skew). */
  overlapMs: number;
  /** Entities of one location read at once once it has answered (`syncLocation`). */
  entityConcurrency: number;
  /**
   * Cursors one complete read of a large location may use at once (`SplitRead`): payments by
   * offset range, contacts by `dateAdded` range (at most two); opportunities take one or two per
   * status whatever it is above 1. 1 = never split.
   */
  cursorsPerEntity: number;
  /** Tier `recent` of incremental runs: payments created in the last this many days (SYNC_RECENT_PAYMENTS_DAYS). */
  recentPaymentsDays: number;
  events: SyncEvents;
  /**
   * The Marketplace connection's tokens, when GHL_OAUTH_* is configured: discovery asks it where
   * the app is installed (`GET /oauth/installedLocations`).
   */
  oauth?: OAuthTokenSource | null;
};

/**
 * Three cursors per location: at ~300 ms per response one cursor uses a third of the 10
 * requests/s budget; three fill it without queueing much behind the limiter.
 */
export const DEFAULT_ENTITY_CONCURRENCY = 3;

/**
 * Four cursors for each large entity: with three entities at once a large location keeps about
 * twelve requests in flight, enough to spend its 100 / 10 s budget at ~300 ms per response with
 * no long chain of pages left when the budget is spent.
 */
export const DEFAULT_CURSORS_PER_ENTITY = 4;

/** The default window of tier-`recent` incremental reads: 45 days. */
export const DEFAULT_RECENT_PAYMENTS_DAYS = 45;

/** The default contacts overlap: five minutes. */
export const DEFAULT_OVERLAP_MS = 5 * 60_000;

/** Fills the defaults of a context (real rollups, system clock, 5-minute overlap, no events). */
export function withDefaults(
  ctx: Pick<SyncContext, 'db' | 'ghl' | 'credentials' | 'databaseUrl'> & Partial<SyncContext>,
): SyncContext {
  return {
    recompute: recomputeDailyRollups,
    now: () => new Date(),
    overlapMs: DEFAULT_OVERLAP_MS,
    entityConcurrency: DEFAULT_ENTITY_CONCURRENCY,
    cursorsPerEntity: DEFAULT_CURSORS_PER_ENTITY,
    recentPaymentsDays: DEFAULT_RECENT_PAYMENTS_DAYS,
    events: {},
    ...ctx,
  };
}

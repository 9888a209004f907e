import { z } from 'zod';

/**
 * Shared vocabulary of the sync engine: entities, modes, access statuses, run statuses and
 * outcomes. The text columns that hold them (`entity`, `mode`, `status` of location_access,
 * sync_checkpoints and sync_runs) are parsed with these zod enums where they are read, never cast,
 * so a value the code does not know stops at the database boundary instead of travelling on. Plain
 * data (lib/metrics imports it; eslint.config.mjs keeps it free of database and GHL code).
 */

/** Every entity the sync reads, in the order a location is synced. */
export const SYNC_ENTITIES = [
  'contacts',
  'opportunities',
  'pipelines',
  'transactions',
  'orders',
  'subscriptions',
] as const;
export const syncEntitySchema = z.enum(SYNC_ENTITIES);
export type SyncEntity = z.infer<typeof syncEntitySchema>;

/** `incremental` reads what changed where the API allows it; `full` re-reads everything and reconciles deletions. */
export const SYNC_MODES = ['incremental', 'full'] as const;
export const syncModeSchema = z.enum(SYNC_MODES);
export type SyncMode = z.infer<typeof syncModeSchema>;

/** `LocationAccess.status` values (docs/contracts.md). */
export const ACCESS_STATUSES = [
  'ok',
  'scope_missing',
  'forbidden',
  'token_revoked',
  'budget_exhausted',
  'error',
  'location_inactive',
  'app_not_installed',
] as const;
export const accessStatusSchema = z.enum(ACCESS_STATUSES);
export type AccessStatus = z.infer<typeof accessStatusSchema>;

/** `SyncRun.status` values: `running` until the run ends `ok`, `partial` or `failed`. */
export const SYNC_RUN_STATUSES = ['running', 'ok', 'partial', 'failed'] as const;
export const syncRunStatusSchema = z.enum(SYNC_RUN_STATUSES);
export type SyncRunStatus = z.infer<typeof syncRunStatusSchema>;

/** How one entity of one location ended in one run. */
export type EntityOutcome = {
  entity: SyncEntity;
  /**
   * `ok`, an access problem recorded in location_access, `unavailable` (GHL down or rate limits
   * persisted: retried next run, access row untouched), `skipped` (not needed this run) or
   * `aborted` (the run stopped before this entity finished; it resumes from its checkpoint).
   */
  status: AccessStatus | 'unavailable' | 'skipped' | 'aborted';
  /** Records read and written this run (including pages committed before a resume). */
  records: number;
  /** Rows deleted because GHL no longer lists them (full reconcile). */
  deleted: number;
  /** True when the entity continued from a checkpoint left by an interrupted run. */
  resumed: boolean;
  /** Plain-words reason when status is not ok/skipped; never contains a token. */
  message?: string;
  /** What a person should do about it, when anything. */
  fix?: string;
};

/** How one location ended in one run. */
export type LocationOutcome = {
  locationId: string;
  name: string;
  entities: EntityOutcome[];
  /** The location was locked by another sync (another worker or CLI) and was not touched. */
  busy?: boolean;
};

/** True when every entity of the location synced (or had nothing to do). */
export function isLocationComplete(outcome: LocationOutcome): boolean {
  return (
    !outcome.busy && outcome.entities.every((e) => e.status === 'ok' || e.status === 'skipped')
  );
}

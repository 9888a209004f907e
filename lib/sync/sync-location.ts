import { setMaxListeners } from 'node:events';
import {
  AgencyTokenRevokedError,
  classifyError,
  isAgencyTokenRejection,
  recordAccessOk,
  recordAccessProblem,
  type AccessProblem,
} from './access';
import { OAuthReconnectNeededError } from '@/lib/ghl/oauth/oauth-errors';
import type { TokenKind } from '@/lib/ghl/types';
import { accessFix } from './access-fix';
import { loadCheckpoint } from './checkpoints';
import { refreshLocationCurrency } from './refresh-location-currency';
import type { SyncContext } from './context';
import { contactsEntity } from './entities/contacts';
import { opportunitiesEntity } from './entities/opportunities';
import {
  ordersEntity,
  subscriptionsEntity,
  subscriptionsNeedRead,
  transactionsEntity,
} from './entities/payments';
import { pipelinesEntity, pipelinesNeedRefresh } from './entities/pipelines';
import { runEntity, type EntityRunOptions, type EntityRunResult } from './run-entity';
import {
  SYNC_ENTITIES,
  type EntityOutcome,
  type LocationOutcome,
  type SyncEntity,
  type SyncMode,
} from './types';

export type SyncLocationOptions = { mode: SyncMode; runId: string | null; signal?: AbortSignal };

/** Each entity's runner, keeping every definition's own types (no casts). */
const RUNNERS: Record<
  SyncEntity,
  (ctx: SyncContext, locationId: string, o: EntityRunOptions) => Promise<EntityRunResult>
> = {
  contacts: (ctx, id, o) => runEntity(ctx, contactsEntity, id, o),
  opportunities: (ctx, id, o) => runEntity(ctx, opportunitiesEntity, id, o),
  pipelines: (ctx, id, o) => runEntity(ctx, pipelinesEntity, id, o),
  transactions: (ctx, id, o) => runEntity(ctx, transactionsEntity, id, o),
  orders: (ctx, id, o) => runEntity(ctx, ordersEntity, id, o),
  subscriptions: (ctx, id, o) => runEntity(ctx, subscriptionsEntity, id, o),
};

/** Entities an incremental run skips once they were read (`incrementalTier: 'none'`). */
const READ_BY_FULL_ONLY = new Set<SyncEntity>(
  [contactsEntity, opportunitiesEntity, transactionsEntity, ordersEntity, subscriptionsEntity]
    .filter((def) => def.incrementalTier === 'none')
    .map((def) => def.entity),
);

/** A full-only entity was read before and has no run to finish: an incremental run skips it. */
async function isReadByFullOnly(ctx: SyncContext, locationId: string, entity: SyncEntity) {
  if (!READ_BY_FULL_ONLY.has(entity)) return false;
  const cp = await loadCheckpoint(ctx.db, locationId, entity);
  return Boolean(cp?.lastSuccessAt) && !cp?.progress;
}

/** Entities an incremental run may skip while their cached copy holds (docs/sync.md, tiers). */
const MAY_WAIT: Partial<Record<SyncEntity, typeof pipelinesNeedRefresh>> = {
  // Fresh pipelines (6 h, and no opportunity names an unknown stage).
  pipelines: pipelinesNeedRefresh,
  // A location without subscriptions, checked hourly.
  subscriptions: subscriptionsNeedRead,
};

async function mayWait(ctx: SyncContext, locationId: string, entity: SyncEntity) {
  const needsRead = MAY_WAIT[entity];
  if (!needsRead) return false;
  const cp = await loadCheckpoint(ctx.db, locationId, entity);
  if (cp?.progress) return false; // an interrupted run: finish it
  return !(await needsRead(ctx.db, locationId, cp?.lastSuccessAt ?? null, ctx.now()));
}

function problemOutcome(
  entity: SyncEntity,
  locationId: string,
  problem: AccessProblem,
  records = 0,
): EntityOutcome {
  return {
    entity,
    status: problem.status,
    records,
    deleted: 0,
    resumed: false,
    message: problem.message,
    fix: accessFix(problem.status, locationId, entity, problem.tokenKind),
  };
}

/**
 * Syncs every entity of one location. Entities are read one at a time until the location has
 * answered (a page committed, or an entity finished ok), then up to `ctx.entityConcurrency` at once:
 * a single cursor keeps one request in flight, which uses a third of the 10 requests/s budget at
 * GHL's real latency (~300 ms); several cursors share the budget through the limiter. Probing first keeps a
 * dead location cheap: a revoked token costs one request, not one per entity.
 *
 * A 401/403 or a malformed record stops only that entity (recorded in location_access with GHL's
 * words); a revoked location token or a spent daily budget stops the location (entities running
 * are aborted and marked too); an agency token rejected as invalid throws
 * AgencyTokenRevokedError to stop the whole run. Cached rows are never deleted because a read
 * failed; committed pages stay and are resumed from. The caller holds the location lock.
 */
export async function syncLocation(
  ctx: SyncContext,
  location: { id: string; name: string },
  options: SyncLocationOptions,
): Promise<LocationOutcome> {
  const locationId = location.id;
  // An OAuth token is minted here; a sub-account GHL calls inactive stops only this location.
  const credential = await firstCredential(ctx, locationId);
  const { kind: tokenKind, token } = credential;
  // What a stored message must never contain, even in part (lib/ghl/redact.ts).
  const secrets = [token, ctx.credentials.agencyToken].filter((s): s is string => s !== null);
  const stop = new AbortController();
  // Every request of every entity and cursor of this location listens to it while it waits for
  // the limiter or a backoff (a dozen and more at once): not a leak.
  setMaxListeners(0, stop.signal);
  const onOuterAbort = () => stop.abort(options.signal?.reason);
  if (options.signal?.aborted) stop.abort(options.signal.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let locationProblem: AccessProblem | null = credential.problem;
  let fatal: { error: unknown } | null = null;
  // Opens when the location has answered: a committed page, or an entity finished ok.
  const gate = createGate();
  const entityCtx: SyncContext = {
    ...ctx,
    events: {
      ...ctx.events,
      onPage: (event) => {
        gate.open();
        return ctx.events.onPage?.(event);
      },
    },
  };
  const entityOptions = { mode: options.mode, runId: options.runId, signal: stop.signal };

  /** Records a problem for `entity` (not 'unavailable', which is no access problem) → its outcome. */
  async function markProblem(entity: SyncEntity, problem: AccessProblem) {
    if (problem.status !== 'unavailable') {
      await recordAccessProblem(
        ctx.db,
        locationId,
        entity,
        { ...problem, status: problem.status },
        ctx.now(),
        tokenKind,
        secrets,
      );
    }
    return problemOutcome(entity, locationId, problem);
  }

  async function runOne(entity: SyncEntity): Promise<EntityOutcome> {
    const aborted: EntityOutcome = {
      entity,
      status: 'aborted',
      records: 0,
      deleted: 0,
      resumed: false,
    };
    if (fatal || options.signal?.aborted) return aborted;
    if (locationProblem) return markProblem(entity, locationProblem);
    if (
      options.mode === 'incremental' &&
      ((await mayWait(ctx, locationId, entity)) ||
        (await isReadByFullOnly(ctx, locationId, entity)))
    )
      return { entity, status: 'skipped', records: 0, deleted: 0, resumed: false };
    try {
      const result = await RUNNERS[entity](entityCtx, locationId, entityOptions);
      await recordAccessOk(ctx.db, locationId, entity, tokenKind, ctx.now());
      gate.open();
      return {
        entity,
        status: 'ok',
        records: result.records,
        deleted: result.deleted,
        resumed: result.resumed,
      };
    } catch (error) {
      if (fatal || options.signal?.aborted) return aborted;
      if (locationProblem && stop.signal.aborted) return markProblem(entity, locationProblem);
      if (isAgencyTokenRejection(error) || error instanceof OAuthReconnectNeededError) {
        fatal = { error: new AgencyTokenRevokedError(error) };
        stop.abort();
        return aborted;
      }
      const problem = classifyError(error, locationId, entity);
      if (!problem) {
        fatal = { error };
        stop.abort();
        return aborted;
      }
      if (problem.scope === 'location' && !locationProblem) {
        locationProblem = problem;
        stop.abort();
      }
      return markProblem(entity, problem);
    }
  }

  let outcomes: EntityOutcome[];
  try {
    outcomes = await runGated(SYNC_ENTITIES, ctx.entityConcurrency, gate, async (entity) => {
      let outcome: EntityOutcome;
      try {
        outcome = await runOne(entity);
      } catch (error) {
        // A database error while recording an outcome: stop the location like any other bug.
        fatal ??= { error };
        stop.abort();
        return { entity, status: 'aborted', records: 0, deleted: 0, resumed: false };
      }
      if (outcome.status !== 'aborted' || !fatal) ctx.events.onEntity?.({ locationId, outcome });
      return outcome;
    });
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
  if (fatal) throw (fatal as { error: unknown }).error;

  // Payments read: the location's own currency may follow them (opportunity values are in it).
  if (outcomes.some((o) => o.entity === 'transactions' && o.status === 'ok'))
    await refreshLocationCurrency(ctx.db, locationId);
  const isComplete = outcomes.every((o) => o.status === 'ok' || o.status === 'skipped');
  if (isComplete) {
    const now = ctx.now();
    await ctx.db.location.update({
      where: { id: locationId },
      data: { lastSyncedAt: now, ...(options.mode === 'full' ? { lastFullSyncAt: now } : {}) },
    });
  }
  const outcome: LocationOutcome = { locationId, name: location.name, entities: outcomes };
  ctx.events.onLocation?.(outcome);
  return outcome;
}

/**
 * The location's credential before any entity runs. Minting an OAuth token can fail for this
 * location alone (inactive, app not installed): that becomes every entity's problem. A connection
 * that needs reconnecting stops the run (AgencyTokenRevokedError); anything else is thrown.
 */
async function firstCredential(
  ctx: SyncContext,
  locationId: string,
): Promise<{ token: string; kind: TokenKind; problem: AccessProblem | null }> {
  try {
    return { ...(await ctx.credentials.tokenForLocation(locationId)), problem: null };
  } catch (error) {
    if (error instanceof OAuthReconnectNeededError) throw new AgencyTokenRevokedError(error);
    const problem = classifyError(error, locationId, 'contacts');
    if (!problem || problem.scope === 'run') throw error;
    return { token: '', kind: 'oauth', problem: { ...problem, scope: 'location' } };
  }
}

type Gate = { readonly isOpen: boolean; open(): void; onOpen(listener: () => void): void };

function createGate(): Gate {
  let isOpen = false;
  const listeners: Array<() => void> = [];
  return {
    get isOpen() {
      return isOpen;
    },
    open() {
      if (isOpen) return;
      isOpen = true;
      for (const listener of listeners.splice(0)) listener();
    },
    onOpen(listener) {
      if (isOpen) listener();
      else listeners.push(listener);
    },
  };
}

/**
 * Runs `task` for every item, in order of start: one at a time while the gate is closed, up to
 * `limit` at once after it opens. `task` must not reject. Results keep the items' order.
 */
function runGated<T, R>(
  items: readonly T[],
  limit: number,
  gate: Gate,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let running = 0;
  return new Promise((resolve) => {
    const pump = () => {
      while (next < items.length && running < (gate.isOpen ? limit : 1)) {
        const index = next++;
        running++;
        void task(items[index] as T).then((result) => {
          results[index] = result;
          running--;
          pump();
        });
      }
      if (next >= items.length && running === 0) resolve(results);
    };
    gate.onOpen(pump);
    pump();
  });
}

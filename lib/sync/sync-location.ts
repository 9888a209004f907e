import {
  accessFix,
  AgencyTokenRevokedError,
  classifyError,
  isAgencyTokenRejection,
  recordAccessOk,
  recordAccessProblem,
  type AccessProblem,
} from './access';
import { loadCheckpoint } from './checkpoints';
import type { SyncContext } from './context';
import { contactsEntity } from './entities/contacts';
import { opportunitiesEntity } from './entities/opportunities';
import { ordersEntity, subscriptionsEntity, transactionsEntity } from './entities/payments';
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

async function pipelinesAreFresh(ctx: SyncContext, locationId: string): Promise<boolean> {
  const cp = await loadCheckpoint(ctx.db, locationId, 'pipelines');
  if (cp?.progress) return false; // an interrupted pipelines run: finish it
  return !(await pipelinesNeedRefresh(ctx.db, locationId, cp?.lastSuccessAt ?? null, ctx.now()));
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
 * Syncs every entity of one location, one after the other (they share the location's rate
 * budget). A 401/403 or a malformed record stops only that entity (recorded in location_access
 * with GHL's words); a revoked location token or a spent daily budget stops the location; an agency
 * token rejected as invalid throws AgencyTokenRevokedError to stop the whole run. Cached rows are
 * never deleted because a read failed. The caller holds the location lock.
 */
export async function syncLocation(
  ctx: SyncContext,
  location: { id: string; name: string },
  options: SyncLocationOptions,
): Promise<LocationOutcome> {
  const locationId = location.id;
  const { kind: tokenKind } = await ctx.credentials.tokenForLocation(locationId);
  const outcomes: EntityOutcome[] = [];
  let locationProblem: AccessProblem | null = null;
  let isAborted = false;

  for (const entity of SYNC_ENTITIES) {
    if (isAborted || options.signal?.aborted) {
      isAborted = true;
      outcomes.push({ entity, status: 'aborted', records: 0, deleted: 0, resumed: false });
      continue;
    }
    if (locationProblem) {
      if (locationProblem.status !== 'unavailable') {
        await recordAccessProblem(
          ctx.db,
          locationId,
          entity,
          { ...locationProblem, status: locationProblem.status },
          ctx.now(),
          tokenKind,
        );
      }
      outcomes.push(problemOutcome(entity, locationId, locationProblem));
      continue;
    }
    if (
      entity === 'pipelines' &&
      options.mode === 'incremental' &&
      (await pipelinesAreFresh(ctx, locationId))
    ) {
      outcomes.push({ entity, status: 'skipped', records: 0, deleted: 0, resumed: false });
      continue;
    }
    try {
      const result = await RUNNERS[entity](ctx, locationId, options);
      await recordAccessOk(ctx.db, locationId, entity, tokenKind, ctx.now());
      outcomes.push({
        entity,
        status: 'ok',
        records: result.records,
        deleted: result.deleted,
        resumed: result.resumed,
      });
    } catch (error) {
      if (options.signal?.aborted) {
        isAborted = true;
        outcomes.push({ entity, status: 'aborted', records: 0, deleted: 0, resumed: false });
        continue;
      }
      if (isAgencyTokenRejection(error)) throw new AgencyTokenRevokedError(error);
      const problem = classifyError(error, locationId, entity);
      if (!problem) throw error;
      if (problem.status !== 'unavailable') {
        await recordAccessProblem(
          ctx.db,
          locationId,
          entity,
          { ...problem, status: problem.status },
          ctx.now(),
          tokenKind,
        );
      }
      outcomes.push(problemOutcome(entity, locationId, problem));
      if (problem.scope === 'location') locationProblem = problem;
    }
    const last = outcomes.at(-1);
    if (last) ctx.events.onEntity?.({ locationId, outcome: last });
  }

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

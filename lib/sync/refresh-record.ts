import 'server-only';
import { Prisma } from '@/lib/db/generated/client';
import type { GhlRecordOf, RecordEntity } from '@/lib/ghl/client';
import type { SyncContext } from './context';
import { contactsEntity } from './entities/contacts';
import type { EntityDefinition } from './entities/definition';
import { opportunitiesEntity } from './entities/opportunities';
import { ordersEntity, subscriptionsEntity, transactionsEntity } from './entities/payments';
import { deleteRecord } from './upsert/delete-record';

/** Which record to bring up to date, and what the hint said happened to it. */
export type RecordTarget = {
  locationId: string;
  entity: RecordEntity;
  recordId: string;
  /** `delete` is applied without a request; anything else is re-read by id. */
  action: 'upsert' | 'delete';
};

export type RefreshOptions = {
  signal?: AbortSignal | undefined;
  /**
   * `seen_at` to give the row even when it did not change (a split full read re-reading what it
   * did not see, so the reconcile keeps it); absent = now, and an unchanged row is left alone.
   */
  seenAt?: Date;
};

/** What happened: written (new or changed), unchanged, deleted (row removed), or absent (no row, none upstream). */
export type RefreshOutcome = 'written' | 'unchanged' | 'deleted' | 'absent';

export type RefreshResult = {
  outcome: RefreshOutcome;
  /** Rollup-relevant instants whose local day may have changed (empty for orders/subscriptions). */
  instants: Date[];
  /** GHL requests made (0 or 1). */
  requests: number;
};

async function readAndWrite<E extends RecordEntity, Row extends { id: string }, C>(
  ctx: SyncContext,
  def: EntityDefinition<GhlRecordOf[E], Row, C>,
  entity: E,
  target: RecordTarget,
  options: RefreshOptions,
): Promise<RefreshResult> {
  const { signal } = options;
  const record = await ctx.ghl.getRecord(entity, target.locationId, target.recordId, { signal });
  if (record === null) {
    const gone = await deleteRecord(ctx.db, entity, target.locationId, target.recordId);
    return { outcome: gone.count > 0 ? 'deleted' : 'absent', instants: gone.instants, requests: 1 };
  }
  const row = def.toRow(record);
  const before = await countRow(ctx, entity, target);
  const instants = await def.upsert(ctx.db, target.locationId, [row], {
    seenAt: options.seenAt ?? ctx.now(),
    rewriteUnchanged: options.seenAt !== undefined,
    also: Prisma.empty,
    wantInstants: def.feedsRollups,
  });
  const changed = instants.length > 0 || (!def.feedsRollups && before === 0);
  return { outcome: changed ? 'written' : 'unchanged', instants, requests: 1 };
}

/** Orders and subscriptions return no instants: whether the row existed tells "written" apart. */
async function countRow(ctx: SyncContext, entity: RecordEntity, t: RecordTarget): Promise<number> {
  if (entity === 'orders')
    return ctx.db.order.count({ where: { locationId: t.locationId, id: t.recordId } });
  if (entity === 'subscriptions')
    return ctx.db.subscription.count({ where: { locationId: t.locationId, id: t.recordId } });
  return 1;
}

const REFRESHERS: {
  [E in RecordEntity]: (
    ctx: SyncContext,
    target: RecordTarget,
    options: RefreshOptions,
  ) => Promise<RefreshResult>;
} = {
  contacts: (ctx, t, o) => readAndWrite(ctx, contactsEntity, 'contacts', t, o),
  opportunities: (ctx, t, o) => readAndWrite(ctx, opportunitiesEntity, 'opportunities', t, o),
  transactions: (ctx, t, o) => readAndWrite(ctx, transactionsEntity, 'transactions', t, o),
  orders: (ctx, t, o) => readAndWrite(ctx, ordersEntity, 'orders', t, o),
  subscriptions: (ctx, t, o) => readAndWrite(ctx, subscriptionsEntity, 'subscriptions', t, o),
};

/**
 * Brings one cached record in line with GHL: a delete hint removes the row; anything else re-reads
 * the record by id with the location's credential (through the shared client: its limiter, its
 * budget) and upserts it like a sync page would — or removes the row when GHL no longer has it.
 * Idempotent. Returns the instants whose days the caller must recompute (the caller batches them).
 * GhlErrors and TransformErrors are thrown for the caller to classify.
 */
export async function refreshRecord(
  ctx: SyncContext,
  target: RecordTarget,
  options: RefreshOptions = {},
): Promise<RefreshResult> {
  if (target.action === 'delete') {
    const gone = await deleteRecord(ctx.db, target.entity, target.locationId, target.recordId);
    return { outcome: gone.count > 0 ? 'deleted' : 'absent', instants: gone.instants, requests: 0 };
  }
  return REFRESHERS[target.entity](ctx, target, options);
}

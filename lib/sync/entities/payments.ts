import { z } from 'zod';
import type { GhlClient, GhlOrder, GhlSubscription, GhlTransaction, Page } from '@/lib/ghl/client';
import { PAYMENTS_PAGE_LIMIT, type ListPaymentsOptions } from '@/lib/ghl/endpoints/payments';
import { offsetCursorSchema } from '@/lib/ghl/schemas/cursor';
import type { OffsetCursor } from '@/lib/ghl/types';
import type { Sql } from '../upsert/sql';
import {
  orderToRow,
  subscriptionToRow,
  transactionToRow,
  type OrderRow,
  type SubscriptionRow,
  type TransactionRow,
} from '../transform';
import {
  deleteUnseenOrders,
  deleteUnseenSubscriptions,
  deleteUnseenTransactions,
  upsertOrders,
  upsertSubscriptions,
  upsertTransactions,
} from '../upsert/payments';
import { laneCount, type EntityDefinition, type SplitRead } from './definition';

const offsetScope = z.object({ end: z.number().int().nonnegative().nullable() });

/**
 * A large complete read goes on, after its first page (which says `totalCount`), as several
 * cursors over contiguous offset ranges; the last one reads to the end, so records added
 * meanwhile are still reached. (A record deleted mid-read can shift one past a lane's end, as it
 * can with one cursor: a split full read re-reads unseen cached rows by id before deleting.)
 */
function byOffset<R>(
  list: (
    ghl: GhlClient,
    locationId: string,
    options: ListPaymentsOptions,
  ) => AsyncIterable<Page<R, OffsetCursor>>,
): SplitRead<R, OffsetCursor> {
  return {
    plan(first, { maxLanes }) {
      if (first.next === null || first.total === undefined) return null;
      const start = first.next.offset;
      const remaining = Math.ceil((first.total - start) / PAYMENTS_PAGE_LIMIT);
      const lanes = laneCount(remaining, maxLanes);
      if (lanes < 2) return null;
      const perLane = Math.ceil(remaining / lanes) * PAYMENTS_PAGE_LIMIT;
      return Array.from({ length: lanes }, (_, i) => ({
        key: `offset:${start + i * perLane}`,
        scope: { end: i === lanes - 1 ? null : start + (i + 1) * perLane },
        page: { offset: start + i * perLane },
      }));
    },
    fetchLane(ghl, locationId, lane, signal) {
      const { end } = offsetScope.parse(lane.scope);
      return list(ghl, locationId, {
        cursor: lane.page,
        ...(end === null ? {} : { endOffset: end }),
        signal,
      });
    },
  };
}

/*
 * Payments (transactions, orders, subscriptions): the lists filter only by creation date
 * (`startAt`/`endAt`, days) and a refund or cancellation changes an old record. Full runs read
 * them all (limit/offset, 100 per request). Incremental runs of transactions are tiered: only the
 * records created in the last SYNC_RECENT_PAYMENTS_DAYS days (`startAt`), where almost every refund
 * happens; a refund of an older payment appears after the nightly full (or at once through its
 * webhook). Orders feed no report yet: only full runs read them. Subscriptions are few and their
 * status is reported as of now, so a location that has any reads them all every run; one that has
 * none (most sub-accounts) is checked hourly (`subscriptionsNeedRead`). Offset paging can skip a
 * record when one is deleted mid-read, so unseen rows are deleted only by `--full` (nightly, when
 * little changes), never by the frequent incremental runs.
 */

/** `startAt` of a tier-`recent` read: the UTC day of the bound (a day early: GHL's zone is unstated). */
function startAtOf(tier: string | null, since: Date | null): string | undefined {
  if (tier !== 'recent' || since === null) return undefined;
  return new Date(since.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/** Transactions (feed the payment rollups). */
export const transactionsEntity: EntityDefinition<GhlTransaction, TransactionRow, OffsetCursor> = {
  entity: 'transactions',
  cursorSchema: offsetCursorSchema,
  supportsUpdatedSince: false,
  reconcileEveryRun: false,
  feedsRollups: true,
  incrementalTier: 'recent',
  fetch: (ghl, locationId, { cursor, tier, updatedSince, signal }) =>
    ghl.listTransactions(locationId, { cursor, signal, startAt: startAtOf(tier, updatedSince) }),
  split: byOffset((ghl, id, o) => ghl.listTransactions(id, o)),
  toRow: transactionToRow,
  upsert: upsertTransactions,
  deleteUnseen: deleteUnseenTransactions,
};

/** Orders. */
export const ordersEntity: EntityDefinition<GhlOrder, OrderRow, OffsetCursor> = {
  entity: 'orders',
  cursorSchema: offsetCursorSchema,
  supportsUpdatedSince: false,
  reconcileEveryRun: false,
  feedsRollups: false,
  // No report reads orders yet: the nightly full keeps them, incremental runs skip them.
  incrementalTier: 'none',
  fetch: (ghl, locationId, { cursor, signal }) => ghl.listOrders(locationId, { cursor, signal }),
  split: byOffset((ghl, id, o) => ghl.listOrders(id, o)),
  toRow: orderToRow,
  upsert: upsertOrders,
  deleteUnseen: deleteUnseenOrders,
};

/** Subscriptions. */
export const subscriptionsEntity: EntityDefinition<GhlSubscription, SubscriptionRow, OffsetCursor> =
  {
    entity: 'subscriptions',
    cursorSchema: offsetCursorSchema,
    supportsUpdatedSince: false,
    reconcileEveryRun: false,
    feedsRollups: false,
    fetch: (ghl, locationId, { cursor, signal }) =>
      ghl.listSubscriptions(locationId, { cursor, signal }),
    split: byOffset((ghl, id, o) => ghl.listSubscriptions(id, o)),
    toRow: subscriptionToRow,
    upsert: upsertSubscriptions,
    deleteUnseen: deleteUnseenSubscriptions,
  };

/** How long an incremental run trusts "this location has no subscriptions" (full runs always read). */
export const EMPTY_SUBSCRIPTIONS_MAX_AGE_MS = 3_600_000;

/**
 * Whether an incremental run must read a location's subscriptions: never read completely, the last
 * read older than EMPTY_SUBSCRIPTIONS_MAX_AGE_MS, or any subscription cached (whatever its status:
 * the active count is "now", so a location that sells them reads them every run). A location
 * without any — most sub-accounts — costs one request an hour instead of one a run; its first
 * subscription appears within the hour (at once through a webhook).
 */
export async function subscriptionsNeedRead(
  sql: Sql,
  locationId: string,
  lastSuccessAt: Date | null,
  now: Date,
): Promise<boolean> {
  if (!lastSuccessAt || now.getTime() - lastSuccessAt.getTime() > EMPTY_SUBSCRIPTIONS_MAX_AGE_MS)
    return true;
  const [row] = await sql.$queryRaw<Array<{ any: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM subscriptions WHERE location_id = ${locationId}) AS any`;
  return row?.any ?? true;
}

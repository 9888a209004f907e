import type { GhlOrder, GhlSubscription, GhlTransaction } from '@/lib/ghl/client';
import { offsetCursorSchema } from '@/lib/ghl/schemas/cursor';
import type { OffsetCursor } from '@/lib/ghl/types';
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
import type { EntityDefinition } from './definition';

/*
 * Payments (transactions, orders, subscriptions): the lists filter only by creation date
 * (`startAt`/`endAt`, days) and a refund or cancellation changes an old record. Full runs read
 * them all (limit/offset, 100 per request). Incremental runs of transactions are tiered: only the
 * records created in the last SYNC_RECENT_PAYMENTS_DAYS days (`startAt`), where almost every refund
 * happens; a refund of an older payment appears after the nightly full (or at once through its
 * webhook). Orders feed no report yet: only full runs read them. Subscriptions are few and their
 * status is reported as of now, so every run reads them all. Offset paging can skip a record when one is deleted mid-read, so unseen rows are
 * deleted only by `--full` (nightly, when little changes), never by the frequent incremental runs.
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
    toRow: subscriptionToRow,
    upsert: upsertSubscriptions,
    deleteUnseen: deleteUnseenSubscriptions,
  };

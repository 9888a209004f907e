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
 * (`startAt`/`endAt`) and a refund or cancellation changes an old record, so every run re-reads
 * them all (limit/offset, 100 per request). Offset paging can skip a record when one is deleted
 * mid-read, so unseen rows are deleted only by `--full` (nightly, when little changes), never by
 * the frequent incremental runs.
 */

/** Transactions (feed the payment rollups). */
export const transactionsEntity: EntityDefinition<GhlTransaction, TransactionRow, OffsetCursor> = {
  entity: 'transactions',
  cursorSchema: offsetCursorSchema,
  supportsUpdatedSince: false,
  reconcileEveryRun: false,
  feedsRollups: true,
  fetch: (ghl, locationId, { cursor, signal }) =>
    ghl.listTransactions(locationId, { cursor, signal }),
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

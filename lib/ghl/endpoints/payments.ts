import type { z } from 'zod';
import {
  locationContext,
  stuckCursorError,
  VERSION_2021_07_28,
  type EndpointDeps,
} from '../context';
import { paginate } from '../paginate';
import { parseEnvelope, parseRecords } from '../schemas/parse';
import {
  orderSchema,
  paymentsListEnvelope,
  subscriptionSchema,
  transactionSchema,
  type GhlOrder,
  type GhlSubscription,
  type GhlTransaction,
} from '../schemas/payment';
import type { CallContext, OffsetCursor, Page } from '../types';

const VERSION = VERSION_2021_07_28;
/** Page size; the spec's default is 10 and documents no maximum. */
export const PAYMENTS_PAGE_LIMIT = 100;

export type ListPaymentsOptions = {
  cursor?: OffsetCursor | null;
  /** Documented date window (`YYYY-MM-DD`); a cursor only resumes the same window. */
  startAt?: string;
  endAt?: string;
  /**
   * Stop before this offset (one cursor of a split read covers `[cursor.offset, endOffset)`);
   * absent = until a short page or `totalCount`.
   */
  endOffset?: number;
  signal?: AbortSignal;
};

type PaymentsEndpoint<S extends z.ZodType> = {
  endpoint: string;
  path: string;
  schema: S;
  /** `altType=location` is documented for transactions and subscriptions, not for orders. */
  hasAltType: boolean;
};

function listPayments<S extends z.ZodType>(
  spec: PaymentsEndpoint<S>,
  deps: EndpointDeps,
  locationId: string,
  options: ListPaymentsOptions,
): AsyncGenerator<Page<z.output<S>, OffsetCursor>, void, undefined> {
  let last: { ctx: CallContext; traceId: string | null } | null = null;
  return paginate<z.output<S>, OffsetCursor>(
    options.cursor ?? null,
    async (cursor) => {
      const ctx = await locationContext(deps, spec.endpoint, locationId);
      const offset = cursor?.offset ?? 0;
      const { body, traceId } = await deps.transport.call(
        ctx,
        {
          method: 'GET',
          path: spec.path,
          query: {
            altId: locationId,
            altType: spec.hasAltType ? 'location' : undefined,
            startAt: options.startAt,
            endAt: options.endAt,
            limit: PAYMENTS_PAGE_LIMIT,
            offset,
          },
          version: VERSION,
        },
        options.signal,
      );
      last = { ctx, traceId };
      const envelope = parseEnvelope(paymentsListEnvelope, body, last);
      const items = parseRecords(spec.schema, envelope.data, 'data', last);
      const nextOffset = offset + items.length;
      const isLast =
        items.length < PAYMENTS_PAGE_LIMIT ||
        nextOffset >= envelope.totalCount ||
        (options.endOffset !== undefined && nextOffset >= options.endOffset);
      return {
        items,
        next: isLast ? null : { offset: nextOffset },
        total: envelope.totalCount,
      };
    },
    (cursor) => stuckCursorError(last?.ctx ?? null, spec.endpoint, last?.traceId ?? null, cursor),
  );
}

const TRANSACTIONS = {
  endpoint: 'GET /payments/transactions',
  path: '/payments/transactions',
  schema: transactionSchema,
  hasAltType: true,
};
const ORDERS = {
  endpoint: 'GET /payments/orders',
  path: '/payments/orders',
  schema: orderSchema,
  hasAltType: false,
};
const SUBSCRIPTIONS = {
  endpoint: 'GET /payments/subscriptions',
  path: '/payments/subscriptions',
  schema: subscriptionSchema,
  hasAltType: true,
};

/** Pages through a location's transactions (`altId`, `altType=location`, limit/offset). */
export function listTransactions(
  deps: EndpointDeps,
  locationId: string,
  options: ListPaymentsOptions = {},
): AsyncGenerator<Page<GhlTransaction, OffsetCursor>, void, undefined> {
  return listPayments(TRANSACTIONS, deps, locationId, options);
}

/** Pages through a location's orders (`altId`, no `altType` — undocumented there — limit/offset). */
export function listOrders(
  deps: EndpointDeps,
  locationId: string,
  options: ListPaymentsOptions = {},
): AsyncGenerator<Page<GhlOrder, OffsetCursor>, void, undefined> {
  return listPayments(ORDERS, deps, locationId, options);
}

/** Pages through a location's subscriptions (`altId`, `altType=location`, limit/offset). */
export function listSubscriptions(
  deps: EndpointDeps,
  locationId: string,
  options: ListPaymentsOptions = {},
): AsyncGenerator<Page<GhlSubscription, OffsetCursor>, void, undefined> {
  return listPayments(SUBSCRIPTIONS, deps, locationId, options);
}

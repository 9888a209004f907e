import type { ScopeEntity } from '../faults';
import type { EntityName, Order, Stored, Subscription, Transaction } from '../world/types';
import { DAY_MS, QueryReader, cachedView, compareKeyThenId } from './params';
import type { Route } from './types';

export const MAX_PAYMENTS_LIMIT = 100;
type PaymentRecord = Transaction | Order | Subscription;

type Family = {
  path: string;
  entity: Extract<EntityName, 'transactions' | 'orders' | 'subscriptions'>;
  params: string[];
  /** Whether `altType` is a required parameter (orders take none). */
  altType: boolean;
  /** Exact-match query parameters → record field. */
  exact: Record<string, string>;
};

const FAMILIES: Family[] = [
  {
    path: '/payments/transactions',
    entity: 'transactions',
    params: [
      'locationId',
      'altId',
      'altType',
      'paymentMode',
      'startAt',
      'endAt',
      'entitySourceType',
      'entitySourceSubType',
      'search',
      'subscriptionId',
      'entityId',
      'contactId',
      'limit',
      'offset',
    ],
    altType: true,
    exact: {
      entitySourceType: 'entitySourceType',
      entitySourceSubType: 'entitySourceSubType',
      subscriptionId: 'subscriptionId',
      entityId: 'entityId',
      contactId: 'contactId',
    },
  },
  {
    path: '/payments/orders',
    entity: 'orders',
    params: [
      'locationId',
      'altId',
      'status',
      'paymentStatus',
      'paymentMode',
      'startAt',
      'endAt',
      'search',
      'contactId',
      'funnelProductIds',
      'sourceId',
      'limit',
      'offset',
    ],
    altType: false,
    exact: { status: 'status', contactId: 'contactId', sourceId: 'sourceId' },
  },
  {
    path: '/payments/subscriptions',
    entity: 'subscriptions',
    params: [
      'altId',
      'altType',
      'entityId',
      'paymentMode',
      'startAt',
      'endAt',
      'entitySourceType',
      'search',
      'contactId',
      'id',
      'limit',
      'offset',
      'getPaymentsCollectedCount',
    ],
    altType: true,
    exact: {
      entityId: 'entityId',
      entitySourceType: 'entitySourceType',
      contactId: 'contactId',
      id: '_id',
    },
  },
];

/**
 * `GET /payments/{transactions,orders,subscriptions}?altId=&altType=location` → `{ data, totalCount }`,
 * newest first, `limit` (default 10) + `offset` paging. Validation runs before authorization.
 */
function paymentsRoute(family: Family): Route {
  return {
    method: 'GET',
    pattern: new RegExp(`^${family.path.replace(/\//g, '\\/')}$`),
    endpoint: `payments.${family.entity}`,
    resource: (req) => req.query.get('altId') ?? undefined,
    handle(ctx) {
      const q = new QueryReader(ctx.query, family.params);
      const altId = q.required('altId');
      if (family.altType) {
        if (q.string('altType') === undefined) q.problems.add('altType should not be empty');
        q.oneOf('altType', ['location'] as const);
      }
      const limit = q.integer('limit', { fallback: 10, min: 1, max: MAX_PAYMENTS_LIMIT });
      const offset = q.integer('offset', { fallback: 0, min: 0 });
      const mode = q.oneOf('paymentMode', ['live', 'test'] as const);
      const from = q.isoDay('startAt');
      const to = q.isoDay('endAt');
      const search = q.string('search')?.toLowerCase();
      const paymentStatus =
        family.entity === 'orders'
          ? q.oneOf('paymentStatus', ['paid', 'unpaid', 'refunded', 'partially_paid'] as const)
          : undefined;
      if (family.entity === 'subscriptions') q.boolean('getPaymentsCollectedCount');
      const exact = Object.entries(family.exact).map(
        ([param, field]) => [field, q.string(param)] as const,
      );
      q.done();
      const location = ctx.authorize(family.entity as ScopeEntity, altId);

      const store = ctx.world.store(location.id, family.entity);
      const viewKey = JSON.stringify([family.entity, mode, from, to, search, paymentStatus, exact]);
      const filtered = cachedView(store.queryCache, viewKey, () =>
        (store.list as Stored<PaymentRecord>[])
          .filter(({ rec, added }) => {
            const r = rec as Record<string, unknown>;
            return (
              (mode === undefined || rec.liveMode === (mode === 'live')) &&
              (from === undefined || added >= from) &&
              (to === undefined || added < to + DAY_MS) &&
              (paymentStatus === undefined || r.paymentStatus === paymentStatus) &&
              exact.every(([field, wanted]) => wanted === undefined || r[field] === wanted) &&
              (search === undefined ||
                rec.contactName.toLowerCase().includes(search) ||
                (rec.contactEmail ?? '').toLowerCase().includes(search))
            );
          })
          .sort((a, b) => compareKeyThenId(a.added, a.id, b.added, b.id, true)),
      );
      return {
        data: ctx.serve(family.entity, location.id, filtered.slice(offset, offset + limit)),
        totalCount: filtered.length,
      };
    },
  };
}

export const paymentRoutes: Route[] = FAMILIES.map(paymentsRoute);

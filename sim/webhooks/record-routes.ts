import type { ScopeEntity } from '../faults';
import { notFound } from '../errors';
import { QueryReader } from '../routes/params';
import type { RequestInfo, Route, RouteContext } from '../routes/types';
import type { EntityName } from '../world/types';

/**
 * `GET …/{id}` of one record, as the v2 specs document them: `/contacts/{contactId}` →
 * `{ contact }`, `/opportunities/{id}` → `{ opportunity }` (both take no query; GHL knows the
 * location from the sub-account token), and `/payments/{transactions,orders,subscriptions}/{id}`
 * with `altId` (+ `altType=location` for transactions and subscriptions) → the record itself.
 * An unknown or deleted id is 404 `{ statusCode, message }`.
 *
 * With the agency token in `seed` mode there is no token location, so the record is looked up in
 * every location (fine for tests and benches; GHL has no such mode).
 */

function tokenLocationOrScan(req: RequestInfo, entity: EntityName): string | undefined {
  if (req.caller.kind === 'location') return req.caller.location.id;
  const id = req.params.id ?? '';
  return req.world.locations.find((l) => req.world.store(l.id, entity).byId.has(id))?.id;
}

function byIdInPath(entity: 'contacts' | 'opportunities', key: string, path: string): Route {
  return {
    method: 'GET',
    pattern: new RegExp(`^\\/${path}\\/(?<id>[^/]+)$`),
    endpoint: `${entity}.get`,
    resource: (req) => tokenLocationOrScan(req, entity),
    handle(ctx: RouteContext) {
      new QueryReader(ctx.query, []).done();
      const id = ctx.params.id ?? '';
      const locationId = tokenLocationOrScan(ctx, entity);
      if (!locationId) throw notFound(`${key} not found`);
      const location = ctx.authorize(entity as ScopeEntity, locationId);
      const stored = ctx.world.store(location.id, entity).byId.get(id);
      if (!stored) throw notFound(`${key} not found`);
      return { [key]: ctx.serve(entity, location.id, [stored]).toJSON()[0] };
    },
  };
}

function paymentById(entity: 'transactions' | 'orders' | 'subscriptions', altType: boolean): Route {
  return {
    method: 'GET',
    pattern: new RegExp(`^\\/payments\\/${entity}\\/(?<id>[^/]+)$`),
    endpoint: `payments.${entity}.get`,
    resource: (req) => req.query.get('altId') ?? undefined,
    handle(ctx: RouteContext) {
      const q = new QueryReader(ctx.query, ['altId', 'altType', 'locationId']);
      const altId = q.required('altId');
      if (altType) {
        if (q.string('altType') === undefined) q.problems.add('altType should not be empty');
        q.oneOf('altType', ['location'] as const);
      }
      q.string('locationId');
      q.done();
      const location = ctx.authorize(entity, altId);
      const stored = ctx.world.store(location.id, entity).byId.get(ctx.params.id ?? '');
      if (!stored) throw notFound(`${entity.replace(/s$/, '')} not found`);
      return { ...(ctx.serve(entity, location.id, [stored]).toJSON()[0] as object) };
    },
  };
}

/** The by-id routes; registered after the list routes so `search`/`pipelines` keep their paths. */
export const recordRoutes: Route[] = [
  byIdInPath('contacts', 'contact', 'contacts'),
  byIdInPath('opportunities', 'opportunity', 'opportunities'),
  paymentById('transactions', true),
  paymentById('orders', false),
  paymentById('subscriptions', true),
];

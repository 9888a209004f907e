import { forbidden } from '../errors';
import type { LocationRecord } from '../world/types';
import { QueryReader } from './params';
import type { RequestInfo, Route } from './types';

/** Fields `GET /locations/search` returns (the spec's GetLocationSchema plus observed extras). */
function searchShape(record: LocationRecord): Record<string, unknown> {
  return {
    id: record.id,
    name: record.name,
    phone: record.phone,
    email: record.email,
    address: record.address,
    city: record.city,
    state: record.state,
    country: record.country,
    postalCode: record.postalCode,
    website: record.website,
    timezone: record.timezone,
    settings: record.settings,
    social: record.social,
    // Observed in real payloads though not in the spec (docs#154); there is no dateUpdated.
    companyId: record.companyId,
    firstName: record.firstName,
    lastName: record.lastName,
    business: record.business,
    dateAdded: record.dateAdded,
  };
}

function companyResource(req: RequestInfo): string {
  return req.caller.kind === 'agency' ? req.world.companyId : req.caller.location.id;
}

/**
 * `GET /locations/search`: skip/limit paging with no total; the client stops at a short page.
 * The agency PIT must name its own companyId; a location PIT only ever sees its own location.
 */
const search: Route = {
  method: 'GET',
  pattern: /^\/locations\/search$/,
  endpoint: 'locations.search',
  resource: companyResource,
  handle(ctx) {
    const q = new QueryReader(ctx.query, ['companyId', 'skip', 'limit', 'order', 'email']);
    const companyId =
      ctx.caller.kind === 'agency' ? q.required('companyId') : q.string('companyId');
    const skip = q.integer('skip', { fallback: 0, min: 0 });
    const limit = q.integer('limit', { fallback: 10, min: 1, max: 1_000 });
    const order = q.oneOf('order', ['asc', 'desc'] as const, 'asc');
    const email = q.string('email')?.toLowerCase();
    q.done();
    if (companyId !== undefined && companyId !== ctx.world.companyId) {
      throw forbidden('The token does not have access to this company.');
    }
    const own = ctx.caller.kind === 'location' ? ctx.caller.location.id : undefined;
    const candidates = ctx.world.locations.filter((l) => own === undefined || l.id === own);
    if (order === 'desc') candidates.reverse();
    // Build records only for the page, unless the email filter needs them all.
    const records =
      email === undefined
        ? candidates.slice(skip, skip + limit).map((l) => ctx.world.locationRecord(l.id))
        : candidates
            .map((l) => ctx.world.locationRecord(l.id))
            .filter((r) => r.email.toLowerCase() === email)
            .slice(skip, skip + limit);
    return { locations: records.map(searchShape) };
  },
};

/** `GET /locations/{locationId}`. */
const get: Route = {
  method: 'GET',
  pattern: /^\/locations\/(?<locationId>[^/]+)$/,
  endpoint: 'locations.get',
  resource: companyResource,
  handle(ctx) {
    new QueryReader(ctx.query, []).done();
    const location = ctx.authorize('locations', ctx.params.locationId);
    return { location: ctx.world.locationRecord(location.id) };
  },
};

export const locationRoutes: Route[] = [search, get];

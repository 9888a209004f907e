import type { AccessMode } from './auth';
import { applyFaults, resetFaults, type Faults } from './faults';
import { json, type ApiResponse } from './pipeline';
import { resolveRateLimit, type SimConfig, type SimState } from './state';
import type { Mutation } from './world/mutate';
import { ENTITY_NAMES, type EntityName } from './world/types';
import type { ChurnOptions, World } from './world/world';

/**
 * `/__sim/*`: control endpoints for tests that run the app in another process. No GHL headers
 * needed. Bodies are JSON; errors are `400 {error}`.
 */
export const ADMIN_ENDPOINTS = [
  'GET  /__sim/health',
  'GET  /__sim/info                       url, companyId, agencyToken, mode, now, locations + PITs',
  'GET  /__sim/faults | POST /__sim/faults  partial Faults JSON; {"reset":true,…} clears first',
  'POST /__sim/faults/reset',
  'POST /__sim/mutate                     {locationId, create?, update?, delete?, at?}',
  'POST /__sim/churn                      {fraction?, createShare?, deleteShare?, at?}',
  'POST /__sim/prepare                    generate and JSON-encode every record now (benches)',
  'POST /__sim/locations                  {add?: n, remove?: [locationId]}',
  'GET  /__sim/stats | POST /__sim/reset-stats',
  'POST /__sim/reset-rate-limits',
  'GET  /__sim/config | POST /__sim/config {mode?, latencyMs?, rateLimit?, retryAfter?}',
  'GET  /__sim/truth/{locationId}/{contacts|opportunities|pipelines|transactions|orders|subscriptions|location}',
  'POST /__sim/webhooks                   {url, privateKey?, drop?, duplicate?, reorder?, concurrency?, seed?}: signed webhooks for later mutations; {url:null} stops',
  'GET  /__sim/webhooks                   url, publicKey (PEM), stats, last 100 events',
];

export function simInfo(world: World, mode: AccessMode, url: string) {
  return {
    url,
    companyId: world.companyId,
    agencyToken: world.agencyToken,
    mode,
    seed: world.seed,
    referenceNow: world.referenceNow(),
    now: world.now(),
    locations: world.locations.map((l) => ({
      id: l.id,
      name: l.name,
      timezone: l.timezone,
      currencies: l.currencies,
      token: l.token,
      sizes: l.sizes,
    })),
  };
}

function object(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new Error('body must be a JSON object');
  return body as Record<string, unknown>;
}

function route(state: SimState, method: string, path: string, body: unknown, url: string): unknown {
  const { world } = state;
  const key = `${method} ${path}`;
  switch (key) {
    case 'GET /__sim/health':
      return { ok: true };
    case 'GET /__sim/info':
      return simInfo(world, state.config.mode, url);
    case 'GET /__sim/faults':
      return state.faults;
    case 'POST /__sim/faults': {
      const { reset, ...patch } = object(body);
      if (reset === true) resetFaults(state.faults);
      applyFaults(state.faults, patch as Partial<Faults>);
      return state.faults;
    }
    case 'POST /__sim/faults/reset':
      resetFaults(state.faults);
      return state.faults;
    case 'POST /__sim/mutate': {
      const { locationId, ...mutation } = object(body);
      if (typeof locationId !== 'string') throw new Error('locationId is required');
      return world.mutate(locationId, mutation as Mutation);
    }
    case 'POST /__sim/churn':
      return world.churn(object(body ?? {}) as ChurnOptions);
    case 'POST /__sim/prepare': {
      let records = 0;
      for (const location of world.locations)
        for (const entity of ENTITY_NAMES) {
          world.prepare(location.id, entity);
          records += world.store(location.id, entity).list.length;
        }
      return { locations: world.locations.length, records };
    }
    case 'POST /__sim/locations': {
      const { add, remove } = object(body);
      const added =
        typeof add === 'number'
          ? world.addLocations(add).map((l) => ({ id: l.id, token: l.token, name: l.name }))
          : [];
      const removed = Array.isArray(remove)
        ? remove.filter((id): id is string => typeof id === 'string' && world.removeLocation(id))
        : [];
      return { added, removed };
    }
    case 'GET /__sim/stats':
      return state.stats.snapshot();
    case 'POST /__sim/reset-stats':
      state.stats.reset();
      return { ok: true };
    case 'POST /__sim/reset-rate-limits':
      state.limiter.reset();
      return { ok: true };
    case 'GET /__sim/webhooks':
      return state.webhooks.handle('GET', undefined);
    case 'POST /__sim/webhooks':
      return state.webhooks.handle('POST', body);
    case 'GET /__sim/config':
      return state.config;
    case 'POST /__sim/config': {
      const patch = object(body) as Partial<SimConfig>;
      if (patch.mode !== undefined && !['seed', 'strict', 'marketplace'].includes(patch.mode))
        throw new Error('mode must be seed, strict or marketplace');
      if (patch.mode) state.config.mode = patch.mode;
      if (patch.latencyMs !== undefined) state.config.latencyMs = patch.latencyMs;
      if (patch.retryAfter !== undefined) state.config.retryAfter = patch.retryAfter;
      if (patch.rateLimit !== undefined)
        state.config.rateLimit = resolveRateLimit({
          ...state.config.rateLimit,
          ...patch.rateLimit,
        });
      return state.config;
    }
  }
  const truth = /^GET \/__sim\/truth\/([^/]+)\/([a-z]+)$/.exec(key);
  if (truth) {
    const [, locationId = '', entity = ''] = truth;
    if (!world.location(locationId)) throw new Error(`unknown location ${locationId}`);
    if (entity === 'location') return world.locationRecord(locationId);
    if (entity === 'pipelines') return world.pipelines(locationId);
    if (!ENTITY_NAMES.includes(entity as EntityName)) throw new Error(`unknown entity ${entity}`);
    return world.records(locationId, entity as EntityName);
  }
  throw new Error(`no admin endpoint ${key}`);
}

export function handleAdmin(
  state: SimState,
  method: string,
  path: string,
  bodyText: string,
  url: string,
): ApiResponse {
  try {
    const body = bodyText === '' ? undefined : JSON.parse(bodyText);
    return json(200, route(state, method, path.replace(/\/+$/, ''), body, url));
  } catch (error) {
    return json(400, { error: (error as Error).message });
  }
}

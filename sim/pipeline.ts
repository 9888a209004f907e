import { randomUUID } from 'node:crypto';
import { authorize, identify } from './auth';
import { identifyOAuth } from './oauth/identify-oauth';
import { SimHttpError, badRequest, notFound, serverError, tooManyRequests } from './errors';
import { burstFires } from './faults';
import { contactRoutes } from './routes/contacts';
import { locationRoutes } from './routes/locations';
import { opportunityRoutes } from './routes/opportunities';
import { paymentRoutes } from './routes/payments';
import type { Caller, Route, RouteContext } from './routes/types';
import { recordRoutes } from './webhooks/record-routes';
import { RawJsonArray, recordPieces, serializeBody, storedJson } from './raw-json';
import type { SimState } from './state';
import type { AnyRecord, EntityName, Stored } from './world/types';

export const API_VERSION = '2021-07-28';
// Specific paths before `/locations/{id}` so `/locations/search` is not read as an id.
const ROUTES: Route[] = [
  ...contactRoutes,
  ...opportunityRoutes,
  ...paymentRoutes,
  ...recordRoutes,
  ...locationRoutes,
];

export type ApiRequest = {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
  baseUrl: string;
};

export type ApiResponse = {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
};

type Outcome = {
  endpoint: string;
  locationId: string | null;
  tokenKind: 'agency' | 'location' | 'unknown';
  injected: boolean;
  budgetExceeded: boolean;
};

function header(req: ApiRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function serveWithFaults(
  state: SimState,
  entity: EntityName,
  locationId: string,
  records: readonly Stored<AnyRecord>[],
  extra?: (stored: Stored<AnyRecord>) => Record<string, unknown>,
): RawJsonArray {
  const rules = state.faults.malformed.filter(
    (r) => r.locationId === locationId && r.entity === entity,
  );
  for (const rule of rules) rule.recordId ??= state.world.store(locationId, entity).list[0]?.id;
  let broken = 0;
  const items = records.map((stored) => {
    const rule = rules.length === 0 ? undefined : rules.find((r) => r.recordId === stored.id);
    let json: Buffer;
    if (rule) {
      broken++;
      const copy: Record<string, unknown> = { ...stored.rec, ...rule.set };
      for (const field of rule.omit ?? []) delete copy[field];
      json = Buffer.from(JSON.stringify(copy));
    } else {
      json = storedJson(stored);
    }
    return recordPieces(json, extra?.(stored));
  });
  if (broken > 0) state.stats.malformedServed(broken);
  return new RawJsonArray(items);
}

/** Runs one API request through version check, auth, budget, faults and the route. */
export function handleApi(
  state: SimState,
  req: ApiRequest,
): { response: ApiResponse; outcome: Outcome } {
  const traceId = randomUUID();
  const outcome: Outcome = {
    endpoint: 'unknown',
    locationId: null,
    tokenKind: 'unknown',
    injected: false,
    budgetExceeded: false,
  };
  let headers: Record<string, string> = {};
  try {
    const path = req.url.pathname.replace(/\/+$/, '') || '/';
    let params: Record<string, string> = {};
    const route = ROUTES.find((r) => {
      if (r.method !== req.method) return false;
      const match = r.pattern.exec(path);
      if (match) params = { ...match.groups };
      return match !== null;
    });
    if (!route) throw notFound(`Cannot ${req.method} ${path}`);
    outcome.endpoint = route.endpoint;
    if (!header(req, 'version')) throw badRequest('Version header was not found');
    if (header(req, 'version') !== API_VERSION)
      throw badRequest(`Invalid Version header; expected ${API_VERSION}`);
    let body: unknown;
    if (req.method === 'POST') {
      try {
        body = req.bodyText === '' ? {} : JSON.parse(req.bodyText);
      } catch (error) {
        throw badRequest(`Unexpected token in JSON: ${(error as Error).message}`);
      }
    }
    const { world, faults, config } = state;
    const caller: Caller =
      identifyOAuth(state.oauth, world, header(req, 'authorization')) ??
      identify(world, faults, header(req, 'authorization'));
    outcome.tokenKind = caller.kind;
    const info = { params, query: req.url.searchParams, body, caller, world };
    const resource = route.resource(info) ?? 'none';
    outcome.locationId = resource === 'none' ? null : resource;

    const decision = state.limiter.check(
      caller.token,
      resource,
      Date.now(),
      faults.dailyBudgetExhausted.includes(resource),
    );
    headers = decision.headers;
    const retryAfter = (seconds: number): Record<string, string> => {
      const policy = config.retryAfter;
      const send =
        policy === 'always' || (policy === 'alternate' && state.retryAfterCounter++ % 2 === 0);
      return send ? { 'Retry-After': String(seconds) } : {};
    };
    if (!decision.allowed) {
      outcome.budgetExceeded = true;
      throw tooManyRequests(retryAfter(decision.retryAfterSec));
    }
    if (burstFires(faults.rateLimitStorm, resource, state.faultRandom, Date.now())) {
      outcome.injected = true;
      throw tooManyRequests(retryAfter(Math.max(1, Math.ceil(config.rateLimit.intervalMs / 1000))));
    }
    if (burstFires(faults.serverErrors, resource, state.faultRandom, Date.now())) {
      outcome.injected = true;
      const statuses = faults.serverErrors?.statuses ?? [500, 502, 503];
      throw serverError(statuses[state.serverErrorCounter++ % statuses.length] ?? 500);
    }

    const ctx: RouteContext = {
      ...info,
      method: req.method,
      path,
      baseUrl: req.baseUrl,
      authorize: (scope, locationId) =>
        authorize(world, config.mode, faults, caller, scope, locationId),
      serve: (entity, locationId, records, extra) =>
        serveWithFaults(state, entity, locationId, records, extra),
    };
    const result = route.handle(ctx);
    return { response: json(200, { ...result, traceId }, headers, traceId), outcome };
  } catch (error) {
    if (!(error instanceof SimHttpError)) {
      const failure = {
        statusCode: 500,
        message: (error as Error).message,
        error: 'Internal Server Error',
        traceId,
      };
      return { response: json(500, failure, headers, traceId), outcome };
    }
    const all = { ...headers, ...error.headers };
    if (error.raw) {
      return {
        response: {
          status: error.status,
          headers: { ...all, 'Content-Type': error.raw.contentType, 'X-Trace-Id': traceId },
          body: error.raw.text,
        },
        outcome,
      };
    }
    return { response: json(error.status, { ...error.body, traceId }, all, traceId), outcome };
  }
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  traceId?: string,
): ApiResponse {
  const extra: Record<string, string> = traceId ? { 'X-Trace-Id': traceId } : {};
  const text =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? serializeBody(body as Record<string, unknown>)
      : JSON.stringify(body);
  return {
    status,
    headers: { ...headers, ...extra, 'Content-Type': 'application/json; charset=utf-8' },
    body: text,
  };
}

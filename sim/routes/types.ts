import type { ScopeEntity } from '../faults';
import type { RawJsonArray } from '../raw-json';
import type { World } from '../world/world';
import type { AnyRecord, EntityName, SimLocation, Stored } from '../world/types';

export type Caller =
  | { kind: 'agency'; token: string }
  | { kind: 'location'; token: string; location: SimLocation; via?: 'oauth' };

/** What a route needs to see of the request before it is authorized (for rate-limit keys). */
export type RequestInfo = {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  caller: Caller;
  world: World;
};

export type RouteContext = RequestInfo & {
  method: string;
  path: string;
  /** The simulator's own base URL, for `nextPageUrl`. */
  baseUrl: string;
  /** Throws the 401/403 the real API would give this caller for this location and scope. */
  authorize(scope: ScopeEntity, locationId: string | undefined): SimLocation;
  /**
   * Records as served (pre-serialised): the stored record, or a broken copy where a malformed
   * fault says so, plus any per-record `extra` fields (e.g. contacts' searchAfter).
   */
  serve(
    entity: EntityName,
    locationId: string,
    records: readonly Stored<AnyRecord>[],
    extra?: (stored: Stored<AnyRecord>) => Record<string, unknown>,
  ): RawJsonArray;
};

export type Route = {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** Short name for stats, e.g. `contacts.search`. */
  endpoint: string;
  /** Rate-limit resource: the location id, or the companyId for `/locations/*` with the agency PIT. */
  resource(req: RequestInfo): string | undefined;
  handle(ctx: RouteContext): Record<string, unknown>;
};

import type { EntityName } from './world/types';

/** What a scope fault or an authorization check is about. Pipelines share `opportunities`. */
export type ScopeEntity = 'locations' | EntityName;

/**
 * A burst of injected failures. With `count`, the next `count` matching requests fail (each with
 * `probability`, if given). Otherwise every matching request fails with `probability` (default 1)
 * until `untilMs`; `forMs` sets `untilMs` relative to the first time the fault is looked at.
 */
export type BurstFault = {
  count?: number;
  probability?: number;
  forMs?: number;
  untilMs?: number;
  /** Only requests for these resources (location ids or the companyId); default all. */
  locationIds?: string[];
};

export type ServerErrorFault = BurstFault & {
  /** Statuses to cycle through (default [500, 502, 503]). */
  statuses?: (500 | 502 | 503)[];
};

/** Serves one record wrongly: `set` overrides fields (e.g. monetaryValue "abc"), `omit` drops them. */
export type MalformedFault = {
  locationId: string;
  entity: EntityName;
  /** Default: the first record of that location and entity in ground-truth order. */
  recordId?: string;
  set?: Record<string, unknown>;
  omit?: string[];
};

export type Faults = {
  /** The agency PIT answers 401 "Invalid JWT". */
  revokedAgencyToken: boolean;
  /** Location ids whose own PIT answers 401 "Invalid JWT". */
  revokedLocationTokens: string[];
  /** 401 "The token is not authorized for this scope." for this location and entity. */
  missingScopes: { locationId: string; entity: ScopeEntity }[];
  /** 403 "The token does not have access to this location." for any token. */
  forbiddenLocations: string[];
  /** Resources (location ids or the companyId) whose daily budget is spent: 429 until cleared. */
  dailyBudgetExhausted: string[];
  rateLimitStorm: BurstFault | null;
  serverErrors: ServerErrorFault | null;
  malformed: MalformedFault[];
};

export function defaultFaults(): Faults {
  return {
    revokedAgencyToken: false,
    revokedLocationTokens: [],
    missingScopes: [],
    forbiddenLocations: [],
    dailyBudgetExhausted: [],
    rateLimitStorm: null,
    serverErrors: null,
    malformed: [],
  };
}

const KEYS = Object.keys(defaultFaults()) as (keyof Faults)[];

/** Merges a partial fault set (e.g. JSON from `POST /__sim/faults`) into `target`, in place. */
export function applyFaults(target: Faults, patch: Partial<Faults>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (!KEYS.includes(key as keyof Faults)) throw new Error(`unknown fault: ${key}`);
    (target as Record<string, unknown>)[key] = value;
  }
}

export function resetFaults(target: Faults): void {
  Object.assign(target, defaultFaults());
}

/** Decides whether a burst fault fires for this request (and consumes one of its `count`). */
export function burstFires(
  fault: BurstFault | null,
  resource: string | undefined,
  random: () => number,
  nowMs: number,
): boolean {
  if (!fault) return false;
  if (fault.locationIds && (!resource || !fault.locationIds.includes(resource))) return false;
  if (fault.count !== undefined) {
    if (fault.count <= 0) return false;
  } else {
    if (fault.forMs !== undefined && fault.untilMs === undefined)
      fault.untilMs = nowMs + fault.forMs;
    if (fault.untilMs !== undefined && nowMs >= fault.untilMs) return false;
  }
  const fires = fault.probability === undefined || random() < fault.probability;
  if (fires && fault.count !== undefined) fault.count -= 1;
  return fires;
}

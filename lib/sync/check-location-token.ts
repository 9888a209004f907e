import 'server-only';

import { createGhlClient, type GhlClient, type GhlClientOptions } from '@/lib/ghl/client';
import { redactSecrets } from '@/lib/redact';
import { accessFix, ENTITY_SCOPES } from './access-fix';
import { classifyError } from './access';
import { SYNC_ENTITIES, type SyncEntity } from './types';

/** How one entity's read went with the pasted token. */
export type TokenCheckStatus =
  | 'ok'
  | 'scope_missing'
  | 'forbidden'
  | 'token_revoked'
  | 'budget_exhausted'
  | 'unavailable'
  | 'error'
  | 'location_inactive'
  | 'app_not_installed';

export type TokenCheckEntity = {
  entity: SyncEntity;
  /** The Private Integration scope the entity needs. */
  scope: string;
  status: TokenCheckStatus;
  /** GHL's words when it refused (already redacted by the client); null when ok. */
  message: string | null;
  /** What to do about it, in plain words; null when ok. */
  fix: string | null;
};

export type TokenCheckResult = {
  entities: TokenCheckEntity[];
  /** Scopes some entity was refused for (each once). */
  missingScopes: string[];
  /** Every entity read fine. */
  isComplete: boolean;
  /** GHL rejected the token itself (unknown or revoked): never worth saving. */
  isRejected: boolean;
};

export type CheckLocationTokenOptions = {
  baseUrl: string;
  companyId: string;
  locationId: string;
  /** The pasted token; used for these reads only, never logged or returned. */
  token: string;
  signal?: AbortSignal;
  /** Client tuning for tests (fetch, retry). */
  client?: Partial<Omit<GhlClientOptions, 'baseUrl' | 'credentials'>>;
};

/** One cheap read of an entity: the first page (contacts: one record), then stop. */
async function readOnce(ghl: GhlClient, locationId: string, entity: SyncEntity): Promise<void> {
  const first = async (pages: AsyncIterable<unknown>) => {
    for await (const page of pages) return page;
  };
  switch (entity) {
    case 'contacts':
      return void (await first(ghl.searchContacts(locationId, { pageLimit: 1 })));
    case 'opportunities':
      return void (await first(ghl.searchOpportunities(locationId)));
    case 'pipelines':
      return void (await ghl.listPipelines(locationId));
    case 'transactions':
      return void (await first(ghl.listTransactions(locationId)));
    case 'orders':
      return void (await first(ghl.listOrders(locationId)));
    case 'subscriptions':
      return void (await first(ghl.listSubscriptions(locationId)));
  }
}

/**
 * Checks a sub-account Private Integration Token live against GHL before it is stored: one cheap
 * read per entity the sync needs (six requests, one after the other, no retries after a
 * refusal), each answered with the scope it needs, the status and the fix. Nothing is written.
 * Errors that are not GHL's answer (a bug, a dead network) are rethrown.
 */
export async function checkLocationToken(
  options: CheckLocationTokenOptions,
): Promise<TokenCheckResult> {
  const ghl = createGhlClient({
    retry: { maxRetries: 1, maxRateLimitRetries: 2, maxRetryAfterMs: 5_000 },
    timeoutMs: 15_000,
    ...options.client,
    baseUrl: options.baseUrl,
    credentials: {
      // No agency call is made; the resolver hands out the pasted token for this location only.
      agencyToken: options.token,
      companyId: options.companyId,
      tokenForLocation: async () => ({ token: options.token, kind: 'location' }),
    },
  });
  const entities: TokenCheckEntity[] = [];
  for (const entity of SYNC_ENTITIES) {
    const scope = ENTITY_SCOPES[entity];
    try {
      options.signal?.throwIfAborted();
      await readOnce(ghl, options.locationId, entity);
      entities.push({ entity, scope, status: 'ok', message: null, fix: null });
    } catch (error) {
      const problem = classifyError(error, options.locationId, entity);
      if (!problem) throw error;
      const status = problem.status;
      entities.push({
        entity,
        scope,
        status,
        // GHL does not echo tokens; should it ever, the admin's answer must not carry this one.
        message: problem.message ? redactSecrets(problem.message, [options.token]) : null,
        fix:
          status === 'unavailable'
            ? 'GHL did not answer in time; check again in a minute.'
            : accessFix(status, options.locationId, entity, 'location'),
      });
    }
  }
  const missingScopes = [
    ...new Set(entities.filter((e) => e.status === 'scope_missing').map((e) => e.scope)),
  ];
  return {
    entities,
    missingScopes,
    isComplete: entities.every((e) => e.status === 'ok'),
    isRejected: entities.some((e) => e.status === 'token_revoked'),
  };
}

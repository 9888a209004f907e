import { bucketKey, type EndpointDeps } from './context';
import type { CredentialResolver } from './credentials';
import { searchContacts, type SearchContactsOptions } from './endpoints/contacts';
import { getLocation, searchLocations, type SearchLocationsOptions } from './endpoints/locations';
import { searchOpportunities, type SearchOpportunitiesOptions } from './endpoints/opportunities';
import {
  listOrders,
  listSubscriptions,
  listTransactions,
  type ListPaymentsOptions,
} from './endpoints/payments';
import { listPipelines } from './endpoints/pipelines';
import { getRecord, type GhlRecordOf, type RecordEntity } from './endpoints/get-record';
import { nodeHttpFetch, type HttpFetch } from './http';
import { createRateLimiter, type BucketState, type RateLimiterOptions } from './limiter';
import { tokenFingerprint } from '@/lib/redact';
import { defaultRetryPolicy, type RetryPolicy } from './retry';
import type { GhlContact } from './schemas/contact';
import type { GhlLocation } from './schemas/location';
import type { GhlOpportunity } from './schemas/opportunity';
import type { GhlOrder, GhlSubscription, GhlTransaction } from './schemas/payment';
import type { GhlPipeline } from './schemas/pipeline';
import { createTransport } from './transport';
import {
  systemClock,
  systemSleep,
  type Clock,
  type ContactsCursor,
  type LocationsCursor,
  type OffsetCursor,
  type OnCall,
  type OpportunitiesCursor,
  type Page,
  type Sleep,
} from './types';

export type { CredentialResolver } from './credentials';
export type { GhlRecordOf, RecordEntity } from './endpoints/get-record';
export type {
  GhlContact,
  GhlLocation,
  GhlOpportunity,
  GhlOrder,
  GhlPipeline,
  GhlSubscription,
  GhlTransaction,
};
export type {
  ContactsCursor,
  GhlCallEvent,
  LocationsCursor,
  OffsetCursor,
  OpportunitiesCursor,
  Page,
} from './types';

export type GhlClientOptions = {
  /** e.g. `https://services.leadconnectorhq.com` (the app passes GHL_API_BASE_URL). */
  baseUrl: string;
  credentials: CredentialResolver;
  /** Called after every HTTP attempt (for the per-token call log). */
  onCall?: OnCall;
  /** Initial bucket budget (default 100 / 10 s); response headers override it per bucket. */
  rateLimit?: Pick<RateLimiterOptions, 'max' | 'intervalMs' | 'safetyMargin' | 'dailyResetAt'>;
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout (default 30 s). */
  timeoutMs?: number;
  /** Injectables for tests and benches. */
  fetch?: HttpFetch;
  clock?: Clock;
  sleep?: Sleep;
  /** Uniform [0, 1) source for backoff jitter. */
  random?: () => number;
};

type Paged<T, C> = AsyncIterable<Page<T, C>>;
type Opts = { signal?: AbortSignal };

/** The typed GHL API v2 client. Limiter state is shared by everything done through one instance. */
export type GhlClient = {
  /** Agency token, company bucket; `skip`/`limit=100` until a short page. */
  searchLocations(options?: SearchLocationsOptions): Paged<GhlLocation, LocationsCursor>;
  /** Agency token, company bucket. */
  getLocation(locationId: string, options?: Opts): Promise<GhlLocation>;
  /** `POST /contacts/search`, `searchAfter` cursor, optional `updatedSince` watermark. */
  searchContacts(
    locationId: string,
    options?: SearchContactsOptions,
  ): Paged<GhlContact, ContactsCursor>;
  /** `GET /opportunities/search`, `status=all`, `startAfter`/`startAfterId` cursor. */
  searchOpportunities(
    locationId: string,
    options?: SearchOpportunitiesOptions,
  ): Paged<GhlOpportunity, OpportunitiesCursor>;
  listPipelines(locationId: string, options?: Opts): Promise<GhlPipeline[]>;
  listTransactions(
    locationId: string,
    options?: ListPaymentsOptions,
  ): Paged<GhlTransaction, OffsetCursor>;
  listOrders(locationId: string, options?: ListPaymentsOptions): Paged<GhlOrder, OffsetCursor>;
  listSubscriptions(
    locationId: string,
    options?: ListPaymentsOptions,
  ): Paged<GhlSubscription, OffsetCursor>;
  /** `GET …/{id}` of one record (webhook hints, open opportunities that closed); null = deleted. */
  getRecord<E extends RecordEntity>(
    entity: E,
    locationId: string,
    id: string,
    options?: Opts,
  ): Promise<GhlRecordOf[E] | null>;
  /**
   * The limiter bucket of (token, location) — or of the agency token's company bucket when
   * `locationId` is null — for health pages and benches; null before its first call.
   */
  rateLimitState(token: string, locationId: string | null): BucketState | null;
};

/**
 * Creates a GHL client. It never reads the environment: the caller passes the base URL and the
 * credential resolver. All calls go through one limiter (a bucket per token and location, the
 * agency token's `/locations/*` calls in the company bucket) and one retry policy.
 */
export function createGhlClient(options: GhlClientOptions): GhlClient {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? systemSleep;
  const limiter = createRateLimiter({ ...options.rateLimit, clock, sleep });
  const transport = createTransport({
    baseUrl: options.baseUrl,
    fetch: options.fetch ?? nodeHttpFetch,
    clock,
    timeoutMs: options.timeoutMs ?? 30_000,
    limiter,
    policy: { ...defaultRetryPolicy, ...options.retry },
    sleep,
    random: options.random ?? Math.random,
    onCall: options.onCall,
  });
  const deps: EndpointDeps = { transport, credentials: options.credentials };

  return {
    searchLocations: (o) => searchLocations(deps, o),
    getLocation: (id, o) => getLocation(deps, id, o),
    searchContacts: (id, o) => searchContacts(deps, id, o),
    searchOpportunities: (id, o) => searchOpportunities(deps, id, o),
    listPipelines: (id, o) => listPipelines(deps, id, o),
    listTransactions: (id, o) => listTransactions(deps, id, o),
    listOrders: (id, o) => listOrders(deps, id, o),
    listSubscriptions: (id, o) => listSubscriptions(deps, id, o),
    getRecord: (entity, id, recordId, o) => getRecord(deps, entity, id, recordId, o),
    rateLimitState(token, locationId) {
      const fp = tokenFingerprint(token);
      return limiter.state(
        locationId === null
          ? bucketKey(fp, `company:${options.credentials.companyId}`)
          : bucketKey(fp, `location:${locationId}`),
      );
    },
  };
}

import { z } from 'zod';
import { GhlRequestRejectedError } from '../errors';
import { locationContext, VERSION_2021_07_28, type EndpointDeps } from '../context';
import { contactSchema, type GhlContact } from '../schemas/contact';
import { opportunitySchema, type GhlOpportunity } from '../schemas/opportunity';
import { parseEnvelope, parseRecord } from '../schemas/parse';
import {
  orderSchema,
  subscriptionSchema,
  transactionSchema,
  type GhlOrder,
  type GhlSubscription,
  type GhlTransaction,
} from '../schemas/payment';

const VERSION = VERSION_2021_07_28;

/** The entities a single record can be read of (`GET …/{id}`). */
export type RecordEntity =
  'contacts' | 'opportunities' | 'transactions' | 'orders' | 'subscriptions';

/** What `getRecord` returns per entity. */
export type GhlRecordOf = {
  contacts: GhlContact;
  opportunities: GhlOpportunity;
  transactions: GhlTransaction;
  orders: GhlOrder;
  subscriptions: GhlSubscription;
};

/** `GET /contacts/{id}` has no `searchAfter` (that is a search cursor): an empty one is filled in. */
const contactByIdSchema = contactSchema
  .omit({ searchAfter: true })
  .transform((c): GhlContact => ({ ...c, searchAfter: [] }));

type Spec = {
  endpoint: string;
  path: (id: string) => string;
  query: (locationId: string) => Record<string, string>;
  /** The envelope key holding the record. */
  key: string;
  schema: z.ZodType;
};

/** Paths, parameters and envelopes as documented in the v2 specs (contacts, opportunities, payments). */
const SPECS: Record<RecordEntity, Spec> = {
  contacts: {
    endpoint: 'GET /contacts/{contactId}',
    path: (id) => `/contacts/${encodeURIComponent(id)}`,
    query: () => ({}),
    key: 'contact',
    schema: contactByIdSchema,
  },
  opportunities: {
    endpoint: 'GET /opportunities/{id}',
    path: (id) => `/opportunities/${encodeURIComponent(id)}`,
    query: () => ({}),
    key: 'opportunity',
    schema: opportunitySchema,
  },
  transactions: {
    endpoint: 'GET /payments/transactions/{transactionId}',
    path: (id) => `/payments/transactions/${encodeURIComponent(id)}`,
    query: (locationId) => ({ altId: locationId, altType: 'location' }),
    key: '',
    schema: transactionSchema,
  },
  orders: {
    endpoint: 'GET /payments/orders/{orderId}',
    path: (id) => `/payments/orders/${encodeURIComponent(id)}`,
    query: (locationId) => ({ altId: locationId }),
    key: '',
    schema: orderSchema,
  },
  subscriptions: {
    endpoint: 'GET /payments/subscriptions/{subscriptionId}',
    path: (id) => `/payments/subscriptions/${encodeURIComponent(id)}`,
    query: (locationId) => ({ altId: locationId, altType: 'location' }),
    key: '',
    schema: subscriptionSchema,
  },
};

const envelope = z.looseObject({});

/**
 * Reads one record of a location by id with the location's credential (its bucket, its budget).
 * Returns null when GHL answers 404 or 400 "not found" (the record was deleted); every other
 * failure throws the client's usual GhlError. Contacts and opportunities wrap the record
 * (`{ contact }`, `{ opportunity }`); the payments records come unwrapped.
 */
export async function getRecord<E extends RecordEntity>(
  deps: EndpointDeps,
  entity: E,
  locationId: string,
  id: string,
  options: { signal?: AbortSignal } = {},
): Promise<GhlRecordOf[E] | null> {
  const spec = SPECS[entity];
  const ctx = await locationContext(deps, spec.endpoint, locationId);
  let response: { body: unknown; traceId: string | null };
  try {
    response = await deps.transport.call(
      ctx,
      { method: 'GET', path: spec.path(id), query: spec.query(locationId), version: VERSION },
      options.signal,
    );
  } catch (error) {
    if (error instanceof GhlRequestRejectedError && isNotFound(error)) return null;
    throw error;
  }
  const source = { ctx, traceId: response.traceId };
  const body = parseEnvelope(envelope, response.body, source) as Record<string, unknown>;
  const raw = spec.key === '' ? body : body[spec.key];
  return parseRecord(spec.schema, raw, spec.key || entity, source) as GhlRecordOf[E];
}

/** 404, or the 400 "… not found" some GHL services answer for an unknown id. */
function isNotFound(error: GhlRequestRejectedError): boolean {
  if (error.status === 404) return true;
  return error.status === 400 && /not found/i.test(error.ghlMessage ?? '');
}

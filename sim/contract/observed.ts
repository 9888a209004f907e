import type { Schema, SpecStore } from './openapi';

/**
 * Where the official spec is wrong or silent and the simulator follows observed behaviour instead.
 * Each entry replaces one schema node before validation; the contract test fails if a pointer no
 * longer exists (so a spec update is noticed).
 */
export const KNOWN_SPEC_GAPS: {
  file: string;
  pointer: string;
  replacement: Schema;
  reason: string;
}[] = [
  {
    file: 'payments.json',
    pointer: '/components/schemas/TxnResponseSchema/properties/status',
    replacement: { type: 'string' },
    reason:
      'typed "object" (generator artefact); every example and observed payload is a string like "succeeded"',
  },
  {
    file: 'payments.json',
    pointer: '/components/schemas/SubscriptionResponseSchema/properties/status',
    replacement: { type: 'string' },
    reason: 'typed "object"; examples are strings like "active"',
  },
  {
    file: 'opportunities.json',
    pointer: '/components/schemas/PipelinesResponseSchema/properties/stages',
    replacement: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'position', 'showInFunnel', 'showInPieChart'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          position: { type: 'number' },
          showInFunnel: { type: 'boolean' },
          showInPieChart: { type: 'boolean' },
        },
      },
    },
    reason:
      'items typed "array"; observed stages are objects {id, name, position, showInFunnel, showInPieChart}',
  },
  ...(['nextPageUrl', 'startAfterId', 'startAfter', 'nextPage', 'prevPage'] as const).map(
    (field) => ({
      file: 'opportunities.json',
      pointer: `/components/schemas/SearchMetaResponseSchema/properties/${field}`,
      replacement: {
        type: field === 'nextPageUrl' || field === 'startAfterId' ? 'string' : 'number',
        nullable: true,
      },
      reason: 'null on the last (or first) page: clients stop when nextPageUrl is null',
    }),
  ),
  ...(['email', 'businessId'] as const).map((field) => ({
    file: 'contacts.json',
    pointer: `/components/schemas/ContactsSearchSchema/properties/${field}`,
    replacement: { type: 'string', nullable: true },
    reason:
      'the simulator serves null for a contact without one (search results are not in the spec)',
  })),
];

function parentAndKey(
  doc: Schema,
  pointer: string,
): { parent: Record<string, unknown>; key: string } {
  const parts = pointer.split('/').filter(Boolean);
  const key = parts.pop() ?? '';
  let node: unknown = doc;
  for (const part of parts) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'object' || node === null || !(key in node))
    throw new Error(`spec gap pointer not found: ${pointer}`);
  return { parent: node as Record<string, unknown>, key };
}

/** Applies KNOWN_SPEC_GAPS to the loaded documents (throws if one no longer matches the spec). */
export function applyKnownGaps(store: SpecStore): void {
  for (const gap of KNOWN_SPEC_GAPS) {
    const { parent, key } = parentAndKey(store.doc(gap.file), gap.pointer);
    parent[key] = gap.replacement;
  }
}

const str = { type: 'string' };
const nullableStr = { type: 'string', nullable: true };
const dateTime = { type: 'string', format: 'date-time' };

/**
 * `POST /contacts/search` 200: the spec has no schema. Shape from the documented observations
 * (issues #289, #314): `{contacts, total, traceId}`, ~35 fields per contact, epoch dateOfBirth,
 * `address` not `address1`, and a per-record `searchAfter: [number, id]`. The spec's
 * ContactsSearchSchema (the nearest named schema) is applied to each contact as well.
 */
export const CONTACTS_SEARCH_RESPONSE: Schema = {
  type: 'object',
  required: ['contacts', 'total', 'traceId'],
  properties: {
    total: { type: 'number' },
    traceId: str,
    contacts: {
      type: 'array',
      items: {
        allOf: [
          { $ref: 'contacts.json#/components/schemas/ContactsSearchSchema' },
          {
            type: 'object',
            required: [
              'id',
              'locationId',
              'dateAdded',
              'dateUpdated',
              'searchAfter',
              'tags',
              'customFields',
            ],
            properties: {
              id: str,
              locationId: str,
              contactName: str,
              firstName: str,
              lastName: str,
              companyName: nullableStr,
              email: nullableStr,
              phone: nullableStr,
              phoneLabel: nullableStr,
              dnd: { type: 'boolean' },
              dndSettings: { type: 'object' },
              inboundDndSettings: { type: 'object' },
              type: str,
              source: str,
              assignedTo: nullableStr,
              address: str,
              city: str,
              state: str,
              country: str,
              postalCode: str,
              website: nullableStr,
              timezone: str,
              businessName: nullableStr,
              dateOfBirth: { type: 'number', nullable: true },
              dateAdded: dateTime,
              dateUpdated: dateTime,
              tags: { type: 'array', items: str },
              customFields: { type: 'array', items: { type: 'object', required: ['id', 'value'] } },
              followers: { type: 'array', items: str },
              attributions: { type: 'array', items: { type: 'object' } },
              validEmail: { type: 'boolean' },
              searchAfter: { type: 'array', prefixItems: [{ type: 'number' }, str] },
            },
          },
        ],
      },
    },
  },
};

/** Error bodies always carry a traceId (docs/oauth/Overview.md) besides the spec's DTO fields. */
export const TRACE_ID: Schema = {
  type: 'object',
  required: ['statusCode', 'message', 'traceId'],
  properties: { traceId: str },
};

/** Shapes of the simulated world. Record types mirror what the API serves (ISO date strings). */

export type EntityName = 'contacts' | 'opportunities' | 'transactions' | 'orders' | 'subscriptions';
export const ENTITY_NAMES: readonly EntityName[] = [
  'contacts',
  'opportunities',
  'transactions',
  'orders',
  'subscriptions',
];

export type Sizes = Record<EntityName, number>;

/** A location as the world knows it (the API record is `World.locationRecord(id)`). */
export type SimLocation = {
  index: number;
  id: string;
  name: string;
  timezone: string;
  companyId: string;
  /** Currencies its payments use; the first is the main one. One location has two. */
  currencies: string[];
  /** The location's own Private Integration Token. */
  token: string;
  sizes: Sizes;
  dateAdded: string;
};

export type JsonObject = { [key: string]: unknown };

export type DndChannel = {
  status: 'active' | 'inactive' | 'permanent';
  message: string;
  code: string;
};

export type Contact = {
  id: string;
  locationId: string;
  contactName: string;
  firstName: string;
  lastName: string;
  firstNameRaw: string;
  lastNameRaw: string;
  companyName: string | null;
  email: string | null;
  phone: string | null;
  phoneLabel: string | null;
  dnd: boolean;
  dndSettings: Record<string, DndChannel>;
  inboundDndSettings: Record<string, { status: string; message: string }>;
  type: string;
  source: string;
  assignedTo: string | null;
  address: string;
  city: string;
  state: string;
  country: string;
  postalCode: string;
  website: string | null;
  timezone: string;
  businessName: string | null;
  dateOfBirth: number | null;
  dateAdded: string;
  dateUpdated: string;
  tags: string[];
  customFields: { id: string; value: string }[];
  followers: string[];
  businessId: string | null;
  attributions: JsonObject[];
  additionalEmails: string[];
  additionalPhones: string[];
  validEmail: boolean;
};

export type Stage = {
  id: string;
  name: string;
  position: number;
  showInFunnel: boolean;
  showInPieChart: boolean;
};

export type Pipeline = {
  id: string;
  name: string;
  stages: Stage[];
  showInFunnel: boolean;
  showInPieChart: boolean;
  locationId: string;
  dateAdded: string;
  dateUpdated: string;
};

export type OpportunityStatus = 'open' | 'won' | 'lost' | 'abandoned';

export type Opportunity = {
  id: string;
  name: string;
  monetaryValue: number;
  pipelineId: string;
  pipelineStageId: string;
  /** Absent when unassigned (the spec types it as a plain string). */
  assignedTo?: string;
  status: OpportunityStatus;
  source: string;
  lastStatusChangeAt: string;
  lastStageChangeAt: string;
  lastActionDate: string;
  createdAt: string;
  updatedAt: string;
  contactId: string;
  locationId: string;
  /** Embedded summary; fields the contact lacks are absent. */
  contact: {
    id: string;
    name: string;
    companyName?: string;
    email?: string;
    phone?: string;
    tags: string[];
  };
  notes: unknown[];
  tasks: unknown[];
  calendarEvents: unknown[];
  lostReasonId?: string;
  customFields: { id: string; fieldValue: string }[];
  followers: unknown[];
};

export type Transaction = {
  _id: string;
  altId: string;
  altType: 'location';
  contactId: string;
  contactName: string;
  /** Absent when the contact has no email. */
  contactEmail?: string;
  currency: string;
  amount: number;
  amountRefunded: number;
  status: 'succeeded' | 'failed' | 'refunded' | 'partially_refunded';
  liveMode: boolean;
  entityType: string;
  entityId: string;
  entitySourceType: string;
  entitySourceSubType: string;
  entitySourceName: string;
  entitySourceId: string;
  entitySourceMeta: JsonObject;
  subscriptionId?: string;
  chargeId: string;
  chargeSnapshot: JsonObject;
  paymentProviderType: string;
  paymentProviderConnectedAccount: string;
  ipAddress: string;
  paymentMethod: JsonObject;
  createdAt: string;
  updatedAt: string;
  fulfilledAt: string;
};

export type Order = {
  _id: string;
  altId: string;
  altType: 'location';
  contactId: string;
  contactName: string;
  /** Absent when the contact has no email. */
  contactEmail?: string;
  currency: string;
  amount: number;
  subtotal: number;
  discount: number;
  status: string;
  paymentStatus: 'paid' | 'unpaid' | 'refunded' | 'partially_paid';
  liveMode: boolean;
  totalProducts: number;
  sourceType: string;
  sourceName: string;
  sourceId: string;
  sourceMeta: JsonObject;
  sourceSubType: string;
  fulfillmentStatus: string;
  onetimeProducts: number;
  recurringProducts: number;
  couponCode?: string;
  createdAt: string;
  updatedAt: string;
};

export type Subscription = {
  _id: string;
  altId: string;
  altType: 'location';
  contactId: string;
  contactName: string;
  /** Absent when the contact has no email. */
  contactEmail?: string;
  currency: string;
  amount: number;
  status: 'active' | 'canceled' | 'past_due' | 'trialing' | 'incomplete_expired';
  liveMode: boolean;
  entityType: string;
  entityId: string;
  entitySourceType: string;
  entitySourceName: string;
  entitySourceId: string;
  entitySourceMeta: JsonObject;
  subscriptionId: string;
  subscriptionSnapshot: JsonObject;
  paymentProviderType: string;
  paymentProviderConnectedAccount: string;
  ipAddress: string;
  canceledAt?: string;
  createdAt: string;
  updatedAt: string;
};

export type EntityRecord = {
  contacts: Contact;
  opportunities: Opportunity;
  transactions: Transaction;
  orders: Order;
  subscriptions: Subscription;
};

export type AnyRecord = EntityRecord[EntityName];

/** A record plus what the engine needs to sort and find it without re-parsing dates. */
export type Stored<T = AnyRecord> = {
  /** Generation key: base index, or a created-batch key. */
  key: number;
  id: string;
  /** Epoch ms of dateAdded / createdAt. */
  added: number;
  /** Epoch ms of dateUpdated / updatedAt. */
  updated: number;
  rec: T;
  /** `JSON.stringify(rec)` as UTF-8, filled in the first time the record is served. */
  json?: Buffer;
};

/** The location record served by `GET /locations/{id}` (the search serves a subset). */
export type LocationRecord = {
  id: string;
  companyId: string;
  name: string;
  domain: string;
  address: string;
  city: string;
  state: string;
  logoUrl: string;
  country: string;
  postalCode: string;
  website: string;
  timezone: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  business: JsonObject;
  social: JsonObject;
  settings: JsonObject;
  reseller: JsonObject;
  dateAdded: string;
};

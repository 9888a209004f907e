/**
 * API records shaped like GHL's responses (fields per the API v2 specs in sim/openapi/, personal data
 * included on purpose) for the transform tests. Parsed with the client's schemas first, exactly as
 * the sync receives them.
 */
export const contactRecord = {
  id: 'c_01HZX',
  locationId: 'loc_1',
  contactName: 'Zoë O’Brien',
  firstName: 'Zoë',
  lastName: 'O’Brien',
  email: 'zoe.obrien@example.com',
  phone: '+14155550123',
  companyName: 'Acme Dental',
  address: '1 Main St',
  city: 'Austin',
  tags: ['lead', 'vip'],
  type: 'lead',
  source: 'Facebook Ads',
  dateOfBirth: 631152000000,
  dateAdded: '2026-03-05T23:30:00.000Z',
  dateUpdated: '2026-03-06T01:02:03.456Z',
  customFields: [{ id: 'cf1', value: 'x' }],
  searchAfter: [1772758923456, 'c_01HZX'],
};

export const opportunityRecord = {
  id: 'o_9',
  name: 'Implants — Zoë O’Brien',
  monetaryValue: 1234.5,
  pipelineId: 'p_1',
  pipelineStageId: 's_2',
  assignedTo: 'u_1',
  status: 'won',
  source: 'Website',
  lastStatusChangeAt: '2026-04-01T12:00:00.000Z',
  lastStageChangeAt: '2026-04-01T12:00:00.000Z',
  createdAt: '2026-03-01T08:00:00.000+02:00',
  updatedAt: '2026-04-01T12:00:00.000Z',
  contactId: 'c_01HZX',
  locationId: 'loc_1',
  contact: {
    id: 'c_01HZX',
    name: 'Zoë O’Brien',
    companyName: null,
    email: 'zoe.obrien@example.com',
    phone: '+14155550123',
    tags: [],
  },
  notes: [],
  tasks: [],
  calendarEvents: [],
  customFields: [],
  followers: [],
};

export const transactionRecord = {
  _id: 't_1',
  altId: 'loc_1',
  altType: 'location',
  contactId: 'c_01HZX',
  contactName: 'Zoë O’Brien',
  contactEmail: 'zoe.obrien@example.com',
  currency: 'eur',
  amount: 150.1,
  amountRefunded: 0.1 + 0.2,
  status: 'partially_refunded',
  liveMode: true,
  entityType: 'order',
  entityId: 'ord_1',
  entitySourceType: 'funnel',
  entitySourceName: 'Spring promo',
  chargeSnapshot: { id: 'ch_1' },
  paymentMethod: { card: { brand: 'visa', last4: '4242' } },
  createdAt: '2026-05-01T00:00:00.000Z',
  updatedAt: '2026-05-02T00:00:00.000Z',
  fulfilledAt: '2026-05-01T00:00:00.000Z',
};

export const orderRecord = {
  _id: 'ord_1',
  altId: 'loc_1',
  altType: 'location',
  contactName: 'Zoë O’Brien',
  contactEmail: 'zoe.obrien@example.com',
  currency: 'USD',
  amount: 99,
  status: 'completed',
  liveMode: false,
  sourceType: 'funnel',
  createdAt: '2026-05-01T00:00:00.000Z',
  updatedAt: '2026-05-01T00:00:00.000Z',
};

export const subscriptionRecord = {
  _id: 'sub_1',
  altId: 'loc_1',
  altType: 'location',
  contactName: 'Zoë O’Brien',
  contactEmail: 'zoe.obrien@example.com',
  currency: 'USD',
  amount: 49.99,
  status: 'active',
  liveMode: true,
  entitySourceType: 'membership',
  subscriptionSnapshot: { status: 'ACTIVE' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-06-01T00:00:00.000Z',
};

export const pipelineRecord = {
  id: 'p_1',
  name: 'Sales',
  stages: [
    { id: 's_1', name: 'New', position: 0 },
    { id: 's_2', name: 'Won', position: 1 },
    { id: 's_3', name: 'No position' },
  ],
  showInFunnel: true,
  locationId: 'loc_1',
};

/** Minimal valid upstream records (plus an unknown field, which must be tolerated). */

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

export function contactRecord(i: number): Record<string, unknown> {
  return {
    id: `c${i}`,
    locationId: 'loc_1',
    dateAdded: at(i * 1000),
    dateUpdated: at(i * 1000 + 500),
    source: i % 2 ? 'facebook' : null,
    type: 'lead',
    searchAfter: [Date.UTC(2026, 0, 1) + i * 1000 + 500, `c${i}`],
    someUndocumentedField: { nested: true },
  };
}

export function opportunityRecord(i: number): Record<string, unknown> {
  return {
    id: `o${i}`,
    pipelineId: 'p1',
    pipelineStageId: 's1',
    status: 'open',
    monetaryValue: 100 + i,
    source: 'website',
    createdAt: at(i * 1000),
    updatedAt: at(i * 1000 + 1),
    lastStatusChangeAt: at(i * 1000),
    contact: { id: 'c1' },
  };
}

export function transactionRecord(i: number): Record<string, unknown> {
  return {
    _id: `t${i}`,
    status: 'succeeded',
    liveMode: true,
    amount: 10.5,
    amountRefunded: 0,
    currency: 'USD',
    createdAt: at(i),
    updatedAt: at(i),
    entitySourceType: 'funnel',
    chargeSnapshot: {},
  };
}

export function orderRecord(i: number): Record<string, unknown> {
  return {
    _id: `or${i}`,
    status: 'completed',
    liveMode: true,
    amount: 20,
    currency: 'USD',
    createdAt: at(i),
    updatedAt: at(i),
    sourceType: 'funnel',
  };
}

export function subscriptionRecord(i: number): Record<string, unknown> {
  return {
    _id: `s${i}`,
    status: 'active',
    liveMode: false,
    amount: 30,
    currency: 'EUR',
    createdAt: at(i),
    updatedAt: at(i),
    entitySourceType: 'funnel',
  };
}

export function locationRecord(i: number): Record<string, unknown> {
  return {
    id: `loc_${i}`,
    name: `Location ${i}`,
    timezone: 'America/Chicago',
    companyId: 'comp_test',
    settings: {},
  };
}

export function pipelineRecord(i: number): Record<string, unknown> {
  return {
    id: `p${i}`,
    name: `Pipeline ${i}`,
    stages: [
      { id: `p${i}s1`, name: 'New', position: 0, showInFunnel: true },
      { id: `p${i}s2`, name: 'Won', position: 1 },
    ],
    locationId: 'loc_1',
  };
}

export const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => from + k);

import { describe, expect, it } from 'vitest';
import { GhlBadPayloadError } from './errors';
import { jsonReply } from './testing/fake-fetch';
import { contactRecord, opportunityRecord, range, transactionRecord } from './testing/fixtures';
import { allPages, testClient } from './testing/test-client';
import { failure } from './testing/failure';

describe('response validation', () => {
  it('names endpoint, location, record, field and traceId of a malformed record', async () => {
    const records = range(0, 5).map(opportunityRecord);
    records[3] = { ...records[3], monetaryValue: '250.00' };
    const { client } = testClient(() =>
      jsonReply(200, { opportunities: records, meta: { nextPageUrl: null }, traceId: 'trace-77' }),
    );
    const error = await failure<GhlBadPayloadError>(allPages(client.searchOpportunities('loc_42')));
    expect(error).toBeInstanceOf(GhlBadPayloadError);
    expect(error).toMatchObject({
      code: 'bad_payload',
      endpoint: 'GET /opportunities/search',
      locationId: 'loc_42',
      recordId: 'o3',
      fieldPath: 'monetaryValue',
      traceId: 'trace-77',
    });
    expect(error.message).toBe(
      'GHL returned a malformed payload from GET /opportunities/search for location loc_42: record o3, ' +
        'field "monetaryValue": Invalid input: expected number, received string (at opportunities[3]) ' +
        '(traceId trace-77).',
    );
  });

  it('reports nested paths, _id records, missing fields and bad dates', async () => {
    const bad = { ...transactionRecord(1), liveMode: undefined, createdAt: '01/02/2026' };
    const { client } = testClient(() => jsonReply(200, { data: [bad], totalCount: 1 }));
    const error = await failure<GhlBadPayloadError>(allPages(client.listTransactions('loc_1')));
    expect(error.recordId).toBe('t1');
    expect(error.fieldPath).toBe('liveMode');
    expect(error.problem).toContain('(+1 more issue(s))');
  });

  it('rejects a contact without its searchAfter cursor (paging depends on it)', async () => {
    const { searchAfter: _, ...noCursor } = contactRecord(2);
    const { client } = testClient(() => jsonReply(200, { contacts: [contactRecord(1), noCursor] }));
    const error = await failure<GhlBadPayloadError>(allPages(client.searchContacts('loc_1')));
    expect(error).toMatchObject({ recordId: 'c2', fieldPath: 'searchAfter' });
  });

  it('rejects an unknown opportunity status instead of defaulting it', async () => {
    const { client } = testClient(() =>
      jsonReply(200, {
        opportunities: [{ ...opportunityRecord(1), status: 'pending' }],
        meta: { nextPageUrl: null },
      }),
    );
    const error = await failure<GhlBadPayloadError>(allPages(client.searchOpportunities('loc_1')));
    expect(error).toMatchObject({ recordId: 'o1', fieldPath: 'status' });
  });

  it('reports a malformed envelope without a record id', async () => {
    const { client } = testClient(() => jsonReply(200, { data: [], total: 3 }));
    const error = await failure<GhlBadPayloadError>(allPages(client.listOrders('loc_1')));
    expect(error).toMatchObject({ recordId: null, fieldPath: 'totalCount' });
    expect(error.message).toContain('the response envelope, field "totalCount"');
  });

  it('requires the opportunity cursor when nextPageUrl announces more', async () => {
    const { client } = testClient(() =>
      jsonReply(200, {
        opportunities: range(0, 100).map(opportunityRecord),
        meta: { nextPageUrl: 'https://x' },
      }),
    );
    const error = await failure<GhlBadPayloadError>(allPages(client.searchOpportunities('loc_1')));
    expect(error.fieldPath).toBe('meta.startAfterId');
  });

  it('treats a non-JSON 200 body as bad payload', async () => {
    const { client } = testClient(() => new Response('<html>oops</html>', { status: 200 }));
    const error = await failure<GhlBadPayloadError>(client.listPipelines('loc_1'));
    expect(error).toMatchObject({ code: 'bad_payload', fieldPath: '(body)', status: 200 });
  });
});

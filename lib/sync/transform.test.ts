import { describe, expect, it } from 'vitest';
import { contactSchema } from '@/lib/ghl/schemas/contact';
import { opportunitySchema } from '@/lib/ghl/schemas/opportunity';
import { orderSchema, subscriptionSchema, transactionSchema } from '@/lib/ghl/schemas/payment';
import { pipelineSchema } from '@/lib/ghl/schemas/pipeline';
import {
  contactRecord,
  opportunityRecord,
  orderRecord,
  pipelineRecord,
  subscriptionRecord,
  transactionRecord,
} from './testing/records';
import {
  contactToRow,
  dedupeById,
  opportunityToRow,
  orderToRow,
  pipelineToRow,
  subscriptionToRow,
  transactionToRow,
  TransformError,
} from './transform';

const PERSONAL = ['Zoë', 'O’Brien', 'zoe.obrien@example.com', '+14155550123', '4242', '1 Main St'];

function expectNoPersonalData(row: unknown) {
  const text = JSON.stringify(row);
  for (const value of PERSONAL) expect(text).not.toContain(value);
}

describe('transform: API record → row', () => {
  it("keeps a contact's facts only", () => {
    const row = contactToRow(contactSchema.parse(contactRecord));
    expect(row).toEqual({
      id: 'c_01HZX',
      dateAdded: '2026-03-05T23:30:00.000Z',
      dateUpdated: '2026-03-06T01:02:03.456Z',
      source: 'Facebook Ads',
      type: 'lead',
    });
    expectNoPersonalData(row);
  });

  it('keeps money as a decimal string and normalises offsets to UTC', () => {
    const row = opportunityToRow(opportunitySchema.parse(opportunityRecord));
    expect(row).toEqual({
      id: 'o_9',
      pipelineId: 'p_1',
      stageId: 's_2',
      status: 'won',
      monetaryValue: '1234.5',
      source: 'Website',
      createdAt: '2026-03-01T06:00:00.000Z',
      updatedAt: '2026-04-01T12:00:00.000Z',
      lastStatusChangeAt: '2026-04-01T12:00:00.000Z',
    });
    expectNoPersonalData(row);
    const valueless = opportunityToRow(
      opportunitySchema.parse({
        ...opportunityRecord,
        monetaryValue: null,
        lastStatusChangeAt: null,
      }),
    );
    expect([valueless.monetaryValue, valueless.lastStatusChangeAt]).toEqual([null, null]);
  });

  it('maps payments (currency upper-cased, refunds default to 0) without contact details', () => {
    const txn = transactionToRow(transactionSchema.parse(transactionRecord));
    expect(txn).toMatchObject({
      id: 't_1',
      status: 'partially_refunded',
      liveMode: true,
      amount: '150.1',
      currency: 'EUR',
      entitySourceType: 'funnel',
    });
    expect(Number(txn.amountRefunded)).toBeCloseTo(0.3, 10);
    expectNoPersonalData(txn);
    expect(
      transactionToRow(transactionSchema.parse({ ...transactionRecord, amountRefunded: undefined }))
        .amountRefunded,
    ).toBe('0');
    const order = orderToRow(orderSchema.parse(orderRecord));
    expect(order).toEqual({
      id: 'ord_1',
      status: 'completed',
      liveMode: false,
      amount: '99',
      currency: 'USD',
      createdAt: '2026-05-01T00:00:00.000Z',
      updatedAt: '2026-05-01T00:00:00.000Z',
      sourceType: 'funnel',
    });
    const sub = subscriptionToRow(subscriptionSchema.parse(subscriptionRecord));
    expect(sub).toMatchObject({
      id: 'sub_1',
      status: 'active',
      amount: '49.99',
      entitySourceType: 'membership',
    });
    expectNoPersonalData([order, sub]);
  });

  it('maps pipelines with stages, filling a missing position from the order', () => {
    expect(pipelineToRow(pipelineSchema.parse(pipelineRecord))).toEqual({
      id: 'p_1',
      name: 'Sales',
      stages: [
        { id: 's_1', pipelineId: 'p_1', name: 'New', position: 0 },
        { id: 's_2', pipelineId: 'p_1', name: 'Won', position: 1 },
        { id: 's_3', pipelineId: 'p_1', name: 'No position', position: 2 },
      ],
    });
  });

  it('refuses an amount the column cannot hold, naming record and field', () => {
    const huge = transactionSchema.parse({ ...transactionRecord, amount: 1e20 });
    expect(() => transactionToRow(huge)).toThrow(TransformError);
    try {
      transactionToRow(huge);
    } catch (error) {
      expect(error).toMatchObject({ entity: 'transactions', recordId: 't_1', fieldPath: 'amount' });
    }
  });

  it('de-duplicates a page by id, keeping the last occurrence', () => {
    expect(
      dedupeById([
        { id: 'a', v: 1 },
        { id: 'b', v: 2 },
        { id: 'a', v: 3 },
      ]),
    ).toEqual([
      { id: 'a', v: 3 },
      { id: 'b', v: 2 },
    ]);
  });
});

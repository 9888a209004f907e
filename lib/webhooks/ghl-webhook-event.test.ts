import { describe, expect, it } from 'vitest';
import { ghlWebhookEventSchema, hintOf } from './ghl-webhook-event';

const base = { webhookId: 'w', timestamp: '2026-11-29T12:00:00.000Z', locationId: 'L' };
const hint = (event: Record<string, unknown>) => hintOf(ghlWebhookEventSchema.parse(event));

describe('hintOf', () => {
  it('maps GHL event types to the record to re-read or delete', () => {
    expect(hint({ ...base, type: 'ContactTagUpdate', id: 'c' })).toEqual({
      locationId: 'L',
      entity: 'contacts',
      recordId: 'c',
      action: 'upsert',
    });
    expect(hint({ ...base, type: 'OpportunityStatusUpdate', id: 'o' })?.entity).toBe(
      'opportunities',
    );
    expect(hint({ ...base, type: 'OpportunityDelete', id: 'o' })?.action).toBe('delete');
    expect(hint({ ...base, type: 'OrderStatusUpdate', _id: 'x' })).toMatchObject({
      entity: 'orders',
      recordId: 'x',
    });
    // Payments name their location in altId.
    expect(
      hint({ ...base, locationId: undefined, altId: 'L2', type: 'TransactionUpdate', _id: 't' }),
    ).toMatchObject({ locationId: 'L2', entity: 'transactions', recordId: 't' });
  });

  it('returns null for events about nothing we cache, or without an id', () => {
    expect(hint({ ...base, type: 'NoteCreate', id: 'n' })).toBeNull();
    expect(hint({ ...base, type: 'InvoicePaid', _id: 'i' })).toBeNull();
    expect(hint({ ...base, type: 'ContactCreate' })).toBeNull();
    expect(hint({ ...base, type: 'OrderCreate', id: 'wrong-key' })).toBeNull();
  });

  it('needs a type, a webhookId and an ISO timestamp', () => {
    expect(ghlWebhookEventSchema.safeParse({ ...base, type: '' }).success).toBe(false);
    expect(ghlWebhookEventSchema.safeParse({ type: 'X', timestamp: base.timestamp }).success).toBe(
      false,
    );
    expect(
      ghlWebhookEventSchema.safeParse({ ...base, type: 'X', timestamp: 'yesterday' }).success,
    ).toBe(false);
  });
});

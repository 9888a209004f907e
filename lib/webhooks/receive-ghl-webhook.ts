import 'server-only';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { ghlWebhookEventSchema, hintOf, type RecordHint } from './ghl-webhook-event';
import { verifyGhlSignature } from './verify-ghl-signature';

export type ReceiveWebhookOptions = {
  /** PEM of the key that verifies `x-wh-signature`. */
  publicKey: string;
  /** Events whose `timestamp` is further than this from `now` are refused. */
  replayWindowMs: number;
  now: Date;
  /** Queues "re-read record X of location L" (the `refresh-record` job). */
  enqueue(hint: RecordHint): Promise<unknown>;
};

export type ReceiveWebhookResult = {
  /** queued: a job was sent; duplicate: this webhookId was seen before; recorded: nothing to refresh. */
  status: 'queued' | 'duplicate' | 'recorded';
};

/**
 * Accepts one GHL webhook delivery: verifies the signature over the raw bytes (401 and nothing
 * stored or queued when it fails — checked before the body is even parsed), parses the envelope,
 * refuses an event outside the replay window (400), records its `webhookId` once (the primary
 * key makes a redelivery a `duplicate`, processed once), and queues a refresh of the record it
 * names. If queueing fails the record of the id is removed again, so GHL's redelivery is not
 * mistaken for a duplicate.
 */
export async function receiveGhlWebhook(
  db: Db,
  delivery: { rawBody: Uint8Array; signature: string | null },
  options: ReceiveWebhookOptions,
): Promise<ReceiveWebhookResult> {
  if (!verifyGhlSignature(delivery.rawBody, delivery.signature, options.publicKey))
    throw new AppError('unauthenticated', 'The webhook signature (x-wh-signature) is not valid.');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(delivery.rawBody).toString('utf8'));
  } catch {
    throw new AppError('invalid_input', 'The webhook body is not JSON.');
  }
  const parsed = ghlWebhookEventSchema.safeParse(json);
  if (!parsed.success)
    throw new AppError(
      'invalid_input',
      'The webhook body lacks its type, webhookId or timestamp (ISO 8601).',
    );
  const event = parsed.data;
  const eventAt = new Date(event.timestamp);
  if (Math.abs(options.now.getTime() - eventAt.getTime()) > options.replayWindowMs)
    throw new AppError('invalid_input', 'The webhook timestamp is outside the replay window.');

  const hint = hintOf(event);
  const inserted = await db.$executeRaw`
    INSERT INTO webhook_events (webhook_id, location_id, type, entity, record_id, event_at, received_at)
    VALUES (${event.webhookId}, ${hint?.locationId ?? event.locationId ?? ''}, ${event.type},
      ${hint?.entity ?? null}, ${hint?.recordId ?? null}, ${eventAt}, ${options.now})
    ON CONFLICT (webhook_id) DO NOTHING`;
  if (inserted === 0) return { status: 'duplicate' };
  if (!hint) return { status: 'recorded' };
  try {
    await options.enqueue(hint);
  } catch (error) {
    await db.$executeRaw`DELETE FROM webhook_events WHERE webhook_id = ${event.webhookId}`;
    throw error;
  }
  return { status: 'queued' };
}

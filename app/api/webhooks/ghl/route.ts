import { db } from '@/lib/db/client';
import { route } from '@/lib/handle-error';
import {
  BODY_LIMITS,
  BodyTooLargeError,
  payloadTooLarge,
  readBodyWithLimit,
} from '@/lib/http/body-limits';
import { refreshRecord } from '@/lib/jobs/definitions/sync/refresh-record';
import { enqueue } from '@/lib/jobs/enqueue';
import { receiveGhlWebhook } from '@/lib/webhooks/receive-ghl-webhook';
import { webhookSettings } from '@/lib/webhooks/webhook-settings';

export const dynamic = 'force-dynamic';

/**
 * `POST` from GHL (a Marketplace app's webhook URL): no session — the RSA signature over the raw
 * body is the credential (docs/security.md). 401 for a bad signature (nothing stored or queued),
 * 400 outside the replay window, 413 over 256 KB, else 200 `{ status: queued | duplicate | recorded }`.
 */
export const POST = route(async (request) => {
  let rawBody: Uint8Array;
  try {
    rawBody = await readBodyWithLimit(request, BODY_LIMITS.webhook);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return payloadTooLarge(error.limit);
    throw error;
  }
  const settings = webhookSettings();
  const result = await receiveGhlWebhook(
    db(),
    { rawBody, signature: request.headers.get('x-wh-signature') },
    {
      ...settings,
      now: new Date(),
      enqueue: (hint) =>
        enqueue(refreshRecord, hint, { startAfterSeconds: settings.coalesceSeconds }),
    },
  );
  return Response.json(result, { headers: { 'Cache-Control': 'no-store' } });
});

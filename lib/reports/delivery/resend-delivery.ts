import 'server-only';

import type { Db } from '@/lib/db/client';

/**
 * Queues an `uncertain` or `failed` delivery again, by an admin's decision: the stored email is
 * sent as it was, with the same Message-ID, so a client that got the first copy collapses the two.
 * Returns false when the delivery is in another state.
 */
export async function resendDelivery(
  db: Db,
  deliveryId: string,
  now: Date = new Date(),
): Promise<boolean> {
  const { count } = await db.reportDelivery.updateMany({
    where: { id: deliveryId, status: { in: ['uncertain', 'failed'] } },
    data: { status: 'queued', nextAttemptAt: now, updatedAt: now },
  });
  return count === 1;
}

import 'server-only';

import type { Db } from '@/lib/db/client';

/** One delivery with the exact email that was (or will be) sent, and its attempts; or null. */
export async function getDelivery(db: Db, id: string) {
  const delivery = await db.reportDelivery.findUnique({ where: { id } });
  if (!delivery) return null;
  const [schedule, attemptLog] = await Promise.all([
    db.reportSchedule.findUnique({ where: { id: delivery.scheduleId }, select: { name: true } }),
    db.deliveryAttempt.findMany({ where: { deliveryId: id }, orderBy: { attempt: 'asc' } }),
  ]);
  return {
    ...delivery,
    scheduleName: schedule?.name ?? '(deleted)',
    to: Array.isArray(delivery.toAddresses) ? delivery.toAddresses.map(String) : [],
    attemptLog,
  };
}

export type DeliveryDetail = NonNullable<Awaited<ReturnType<typeof getDelivery>>>;

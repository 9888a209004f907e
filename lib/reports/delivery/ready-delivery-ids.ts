import 'server-only';

import type { Db } from '@/lib/db/client';

/** Deliveries to try now: queued or held, their next attempt due, oldest first. */
export async function readyDeliveryIds(
  db: Db,
  now: Date = new Date(),
  limit = 5000,
): Promise<string[]> {
  const rows = await db.reportDelivery.findMany({
    where: { status: { in: ['queued', 'held'] }, nextAttemptAt: { lte: now } },
    select: { id: true },
    orderBy: { nextAttemptAt: 'asc' },
    take: limit,
  });
  return rows.map((row) => row.id);
}

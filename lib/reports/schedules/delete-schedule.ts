import 'server-only';

import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

/**
 * Deletes a schedule with its recipients and delivery log (foreign keys cascade). Its deliveries
 * still queued or held are removed with it, so none of them is sent: a worker's claim finds no
 * row ("no such delivery"). One already `sending` may still reach its recipients.
 */
export async function deleteSchedule(db: Db, id: string): Promise<void> {
  const { count } = await db.reportSchedule.deleteMany({ where: { id } });
  if (count === 0) throw new AppError('not_found', 'No such schedule.');
}

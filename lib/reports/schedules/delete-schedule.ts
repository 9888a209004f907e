import 'server-only';

import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

/** Deletes a schedule with its recipients and delivery log (foreign keys cascade). */
export async function deleteSchedule(db: Db, id: string): Promise<void> {
  const { count } = await db.reportSchedule.deleteMany({ where: { id } });
  if (count === 0) throw new AppError('not_found', 'No such schedule.');
}

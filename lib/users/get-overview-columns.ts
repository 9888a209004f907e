import 'server-only';
import type { Db } from '@/lib/db/client';
import type { ColumnKey } from '@/lib/metrics/locations-report-columns';
import { readOverviewColumns } from '@/lib/metrics/overview-columns';

/** The roll-up table columns a user chose (the default when they never chose, or are gone). */
export async function getOverviewColumns(db: Db, userId: string): Promise<ColumnKey[]> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { overviewColumns: true },
  });
  return readOverviewColumns(user?.overviewColumns ?? null);
}

import 'server-only';
import type { Db } from '@/lib/db/client';
import type { ColumnKey } from '@/lib/metrics/locations-report-columns';
import { readOverviewColumns } from '@/lib/metrics/overview-columns';

/**
 * Stores the roll-up table columns a user chose (validated keys, by `overviewColumnsSchema`) and
 * returns them as the table will show them (registry order). Only the user's own row is written:
 * the id comes from the session, never from the input.
 */
export async function saveOverviewColumns(
  db: Db,
  userId: string,
  columns: readonly ColumnKey[],
): Promise<ColumnKey[]> {
  const shown = readOverviewColumns(columns);
  await db.user.updateMany({ where: { id: userId }, data: { overviewColumns: shown } });
  return shown;
}

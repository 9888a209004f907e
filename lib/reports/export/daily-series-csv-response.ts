import 'server-only';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import {
  ReportParamsError,
  type LocationsReportParams,
} from '@/lib/metrics/locations-report-params';
import { csvResponse } from '@/lib/reports/csv';
import { csvFileName } from '@/lib/reports/csv-file-name';
import {
  dailySeriesCsvLines,
  parseDailySeriesCsvParams,
} from '@/lib/reports/export/daily-series-csv';

/**
 * The daily-series download (`GET /api/reports/daily.csv`) for params already scoped to the user:
 * `invalid_input` for a bad or too long period (before a byte is sent), `not_found` for one
 * requested location that is archived or unknown (as its drill-down page), else the streamed CSV
 * with a BOM, named after the period and, for one location, after it.
 */
export async function dailySeriesCsvResponse(
  db: Db,
  params: LocationsReportParams,
): Promise<Response> {
  let valid: LocationsReportParams;
  try {
    valid = parseDailySeriesCsvParams(params);
  } catch (error) {
    if (error instanceof ReportParamsError) throw new AppError('invalid_input', error.message);
    throw error;
  }
  const only = valid.locationIds?.length === 1 ? valid.locationIds[0] : undefined;
  let name: string | undefined;
  if (only !== undefined) {
    const location = await db.location.findFirst({
      where: { id: only, archivedAt: null },
      select: { name: true },
    });
    if (!location) throw new AppError('not_found', 'No such location.');
    name = location.name;
  }
  return csvResponse(dailySeriesCsvLines(db, valid), csvFileName(valid, name, 'daily'));
}

import 'server-only';
import pg from 'pg';
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

/** The name of an active location, or null when it is archived or unknown (plain `pg`). */
async function activeLocationName(databaseUrl: string, id: string): Promise<string | null> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'agency-pulse daily-series export',
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      'SELECT name FROM locations WHERE id = $1 AND archived_at IS NULL',
      [id],
    );
    return rows[0]?.name ?? null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The daily-series download (`GET /api/reports/daily.csv`) for params already scoped to the user,
 * read from `databaseUrl` with plain `pg` (no Prisma client on this path: dailySeriesCsvLines):
 * `invalid_input` for a bad or too long period (before a byte is sent), `not_found` for one
 * requested location that is archived or unknown (as its drill-down page), else the streamed CSV
 * with a BOM, named after the period and, for one location, after it.
 */
export async function dailySeriesCsvResponse(
  databaseUrl: string,
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
    const found = await activeLocationName(databaseUrl, only);
    if (found === null) throw new AppError('not_found', 'No such location.');
    name = found;
  }
  return csvResponse(
    await afterFirstRead(dailySeriesCsvLines(databaseUrl, valid)),
    csvFileName(valid, name, 'daily'),
  );
}

/**
 * The same lines, with the header and the first batch (the first database read) already taken:
 * a database that cannot be reached fails the request on the error path (JSON, no internals)
 * instead of answering 200 with a file that breaks off after its header.
 */
async function afterFirstRead(lines: AsyncGenerator<string>): Promise<AsyncGenerator<string>> {
  const taken: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const next = await lines.next();
    if (next.done) break;
    taken.push(next.value);
  }
  return (async function* () {
    try {
      yield* taken;
      yield* lines;
    } finally {
      await lines.return(undefined);
    }
  })();
}

import { parseArgs } from 'node:util';
import { createDb, type Db } from '@/lib/db/client';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import {
  parseLocationsReportParams,
  ReportParamsError,
  type LocationsReportParams,
} from '@/lib/metrics/locations-report-params';
import { UTF8_BOM } from '@/lib/reports/csv';
import {
  dailySeriesCsvLines,
  parseDailySeriesCsvParams,
} from '@/lib/reports/export/daily-series-csv';
import { locationsCsvLines } from '@/lib/reports/locations-csv';
import { databaseUrlOrReport, writeText, type CliIo } from '@/scripts/lib/cli-io';

const USAGE = `usage: npm run cli -- export locations --from YYYY-MM-DD --to YYYY-MM-DD
         [--format csv] [--location ID]… [--bom]
       npm run cli -- export daily --from YYYY-MM-DD --to YYYY-MM-DD [--location ID]… [--bom]
  locations      one row per location and currency for the period (the roll-up's CSV)
  daily          one row per location, local day and currency (the daily series' CSV)
  --from, --to   local calendar days (each location's own time zone), both included
  --format       csv (the only format for now; the default)
  --location     only this location; repeat for several (default: every location); an
                 unknown or archived id is refused (exit 1)
  --bom          start with a UTF-8 byte-order mark, as the downloads do, so Excel on Windows
                 reads "Zahnärzte" and "東京" as UTF-8 (default: no BOM)
Writes the CSV to stdout (and nothing else); definitions of every column: docs/metrics.md.
Into a file: npm run -s cli -- export … > file.csv (-s keeps npm's own banner out of it).`;

/** Bytes gathered before each write, so thousands of rows are not thousands of writes. */
const CHUNK = 64 * 1024;

type Target = 'locations' | 'daily';
type Parsed =
  | { ok: true; target: Target; params: LocationsReportParams; hasBom: boolean }
  | { ok: false; message: string }
  | { ok: 'help' };

function parse(args: string[]): Parsed {
  const [target, ...rest] = args;
  if (target === '--help' || target === '-h') return { ok: 'help' };
  if (target !== 'locations' && target !== 'daily') {
    return { ok: false, message: target ? `unknown export "${target}"` : 'missing what to export' };
  }
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string', default: 'csv' },
        location: { type: 'string', multiple: true },
        bom: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { ok: 'help' };
  if (values.format !== 'csv') {
    return { ok: false, message: `unsupported --format "${values.format}" (only csv)` };
  }
  const missing = (['from', 'to'] as const).filter((name) => values[name] === undefined);
  if (missing.length > 0) {
    return { ok: false, message: `missing ${missing.map((m) => `--${m}`).join(' and ')}` };
  }
  try {
    const { from, to, location: locationIds } = values;
    const params = parseLocationsReportParams({ from, to, locationIds });
    return {
      ok: true,
      target,
      // The daily series also has a longest period (the same as the route's).
      params: target === 'daily' ? parseDailySeriesCsvParams(params) : params,
      hasBom: values.bom ?? false,
    };
  } catch (error) {
    if (error instanceof ReportParamsError) return { ok: false, message: error.message };
    throw error;
  }
}

/** The requested ids that are not active locations (a typo would give a header-only CSV). */
async function unknownLocations(db: Db, requested: readonly string[]): Promise<string[]> {
  if (requested.length === 0) return [];
  const known = new Set(
    (
      await db.location.findMany({
        where: { id: { in: [...requested] }, archivedAt: null },
        select: { id: true },
      })
    ).map((l) => l.id),
  );
  return requested.filter((id) => !known.has(id));
}

/**
 * `export locations|daily --from YYYY-MM-DD --to YYYY-MM-DD [--format csv] [--location ID]…
 * [--bom]`: the locations report or the daily series as CSV on stdout — the same bytes as the
 * UI's downloads (`/api/reports/locations.csv`, `/api/reports/daily.csv`) for the same inputs,
 * except that the downloads start with a UTF-8 BOM and the CLI only with `--bom`. Bad arguments:
 * a message and the usage on stderr, exit code 1. Needs only DATABASE_URL.
 */
export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parse(args);
  if (parsed.ok === 'help') {
    await writeText(io.stdout, `${USAGE}\n`);
    return 0;
  }
  if (!parsed.ok) {
    await writeText(io.stderr, `export: ${parsed.message}\n${USAGE}\n`);
    return 1;
  }
  const url = await databaseUrlOrReport(io);
  if (url === null) return 1;
  const db = createDb(url);
  try {
    const unknown = await unknownLocations(db, parsed.params.locationIds ?? []);
    if (unknown.length > 0) {
      await writeText(
        io.stderr,
        `export: no active location ${unknown.map((id) => JSON.stringify(id)).join(', ')} ` +
          '(npm run cli -- status lists them)\n',
      );
      return 1;
    }
    const lines =
      parsed.target === 'daily'
        ? dailySeriesCsvLines(url, parsed.params)
        : locationsCsvLines(await getLocationsReport(db, parsed.params));
    let chunk = parsed.hasBom ? UTF8_BOM : '';
    for await (const line of lines) {
      chunk += line;
      if (chunk.length >= CHUNK) {
        await writeText(io.stdout, chunk);
        chunk = '';
      }
    }
    if (chunk) await writeText(io.stdout, chunk);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

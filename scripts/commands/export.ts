import { parseArgs } from 'node:util';
import { createDb } from '@/lib/db/client';
import { getLocationsReport } from '@/lib/metrics/get-locations-report';
import {
  parseLocationsReportParams,
  ReportParamsError,
  type LocationsReportParams,
} from '@/lib/metrics/locations-report-params';
import { locationsCsvLines } from '@/lib/reports/locations-csv';
import { databaseUrlOrReport, writeText, type CliIo } from '@/scripts/lib/cli-io';

const USAGE = `usage: npm run cli -- export locations --from YYYY-MM-DD --to YYYY-MM-DD
         [--format csv] [--location ID]…
  --from, --to   local calendar days (each location's own time zone), both included
  --format       csv (the only format for now; the default)
  --location     only this location; repeat for several (default: every location); an
                 unknown or archived id is refused (exit 1)
Writes the report to stdout; definitions of every column: docs/metrics.md.`;

/** Bytes gathered before each write, so thousands of rows are not thousands of writes. */
const CHUNK = 64 * 1024;

type Parsed =
  { ok: true; params: LocationsReportParams } | { ok: false; message: string } | { ok: 'help' };

function parse(args: string[]): Parsed {
  const [target, ...rest] = args;
  if (target === '--help' || target === '-h') return { ok: 'help' };
  if (target !== 'locations') {
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
    return { ok: true, params: parseLocationsReportParams({ from, to, locationIds }) };
  } catch (error) {
    if (error instanceof ReportParamsError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * `export locations --from YYYY-MM-DD --to YYYY-MM-DD [--format csv] [--location ID]…`: the
 * locations report as CSV on stdout (the same report and bytes as the UI's CSV download). Bad arguments: a
 * message and the usage on stderr, exit code 1. Needs only DATABASE_URL.
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
    // A typo in --location would otherwise give a header-only CSV and exit 0.
    const requested = parsed.params.locationIds ?? [];
    if (requested.length > 0) {
      const known = new Set(
        (
          await db.location.findMany({
            where: { id: { in: requested }, archivedAt: null },
            select: { id: true },
          })
        ).map((l) => l.id),
      );
      const unknown = requested.filter((id) => !known.has(id));
      if (unknown.length > 0) {
        await writeText(
          io.stderr,
          `export: no active location ${unknown.map((id) => JSON.stringify(id)).join(', ')} ` +
            '(npm run cli -- status lists them)\n',
        );
        return 1;
      }
    }
    const report = await getLocationsReport(db, parsed.params);
    let chunk = '';
    for (const line of locationsCsvLines(report)) {
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

import { env } from '@/lib/env';
import { createSyncRuntimeFromEnv } from '@/lib/sync/create-sync-context';
import { locationProblemDetails, locationProblemSummary } from '@/lib/sync/outcome-text';
import { runSync } from '@/lib/sync/run-sync';
import { isLocationComplete, type LocationOutcome } from '@/lib/sync/types';
import type { CliIo } from '../lib/cli-io';

const USAGE = `usage: npm run cli -- sync [--full] [--location ID]
  --full           re-read everything and remove what GHL no longer lists (the nightly reconcile)
  --location ID    only this sub-account
Exit codes: 0 every location and entity synced; 2 some were unavailable (listed on stderr with
the fix); 1 fatal (e.g. the agency token was rejected) — cached data is kept in every case.`;

type Args = { mode: 'incremental' | 'full'; locationId?: string };

function parseArgs(args: string[]): Args | string {
  const parsed: Args = { mode: 'incremental' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--full') parsed.mode = 'full';
    else if (arg === '--location') {
      const value = args[++i];
      if (!value || value.startsWith('--')) return '--location needs a location id';
      parsed.locationId = value;
    } else if (arg.startsWith('--location=')) parsed.locationId = arg.slice('--location='.length);
    else return `unknown argument "${arg}"`;
  }
  return parsed;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Progress: a redrawn bar on a terminal, one plain line per finished location otherwise. */
function createProgress(io: CliIo) {
  let total = 0;
  let done = 0;
  let withProblems = 0;
  let lastDraw = 0;
  const recordsByKey = new Map<string, number>();
  const records = () => [...recordsByKey.values()].reduce((a, b) => a + b, 0);
  const draw = (force = false) => {
    if (!io.isTTY) return;
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const width = 24;
    const filled = total === 0 ? 0 : Math.round((done / total) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const problems = withProblems > 0 ? ` · ${withProblems} with problems` : '';
    io.stderr.write(
      `\r\u001b[2K[${bar}] ${done}/${total} locations · ${fmt(records())} records${problems}`,
    );
  };
  return {
    setTotal(n: number) {
      total = n;
      draw(true);
    },
    onPage(e: { locationId: string; entity: string; records: number }) {
      recordsByKey.set(`${e.locationId}|${e.entity}`, e.records);
      draw();
    },
    onLocation(outcome: LocationOutcome) {
      done += 1;
      if (!isLocationComplete(outcome)) withProblems += 1;
      if (io.isTTY) return draw(true);
      const count = outcome.entities.reduce((sum, e) => sum + e.records, 0);
      const problem = locationProblemSummary(outcome);
      const head = `[${done}/${total}] ${problem ? 'partial' : 'ok'} ${outcome.locationId} ${JSON.stringify(outcome.name)} (${fmt(count)} records)`;
      io.stdout.write(`${head}${problem ? `: ${problem}` : ''}\n`);
    },
    log(line: string) {
      if (io.isTTY) io.stderr.write('\r\u001b[2K');
      io.stderr.write(`${line}\n`);
      draw(true);
    },
    end() {
      if (io.isTTY) io.stderr.write('\n');
    },
    records,
  };
}

/** `npm run cli -- sync [--full] [--location ID]`: the whole sync in this process. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr.write(`${parsed}\n${USAGE}\n`);
    return 1;
  }
  const progress = createProgress(io);
  const runtime = await createSyncRuntimeFromEnv({
    onPage: (e) => progress.onPage(e),
    onLocation: (o) => progress.onLocation(o),
    onDiscovered: (e) => progress.setTotal(e.total),
    log: (line) => progress.log(line),
  });
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = Date.now();
  try {
    const result = await runSync(runtime.ctx, {
      mode: parsed.mode,
      locationId: parsed.locationId,
      concurrency: env().SYNC_CONCURRENCY,
      trigger: 'cli',
      signal: controller.signal,
    });
    progress.end();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const complete = result.locations.filter(isLocationComplete).length;
    const incomplete = result.locations.length - complete;
    const summary =
      `${parsed.mode === 'full' ? 'Full sync' : 'Sync'}: ${result.locations.length} location(s), ${complete} complete` +
      `${incomplete > 0 ? `, ${incomplete} with problems` : ''}; ${fmt(progress.records())} records; ` +
      `${fmt(runtime.callLog.totals.calls)} API requests; ${seconds} s.`;
    // A run that failed before any location (e.g. at discovery) has nothing to summarise.
    if (result.locations.length > 0 || result.status !== 'failed') io.stdout.write(`${summary}\n`);
    if (result.archived.length > 0)
      io.stdout.write(`Archived (no longer in the agency): ${result.archived.join(', ')}\n`);
    if (result.discoveryWarning) io.stderr.write(`warning: ${result.discoveryWarning}\n`);
    if (result.status === 'failed') {
      io.stderr.write(`error: ${result.fatal ?? 'the sync failed'}\n`);
      return 1;
    }
    if (result.status === 'partial') {
      io.stderr.write('Some data could not be synced (cached data is kept):\n');
      for (const outcome of result.locations)
        for (const line of locationProblemDetails(outcome)) io.stderr.write(`  ${line}\n`);
      return 2;
    }
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await runtime.close();
  }
}

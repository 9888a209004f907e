/**
 * GHL client throughput against the simulator with the real burst budget (100 requests / 10 s
 * per token and location). Run: `npm run bench:client` (about 65 s).
 * The simulator runs in its own process (`scripts/sim.ts`), as GHL would, so the client's figures
 * do not include the server's CPU time.
 *
 * Phase 1: one location, a few concurrent callers, 30 s → sustained req/s (goal ≥ 9.5) and
 *          429s after the first 10 s (goal 0).
 * Phase 2: 50 locations at once, 30 s → aggregate req/s (goal ≥ 90 % of 50 × 10 = 450).
 * Each request is `GET /opportunities/pipelines` (small body) so the figures measure the client
 * and its limiter, not JSON volume.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGhlClient, type GhlClient } from '@/lib/ghl/client';
import type { CredentialResolver } from '@/lib/ghl/credentials';
import type { GhlCallEvent } from '@/lib/ghl/types';

const LATENCY_MS = 50;
const PHASE_MS = 30_000;
const WARMUP_MS = 10_000;
const CALLERS_PER_LOCATION = 4;
const AGGREGATE_LOCATIONS = 50;
const BUDGET = { max: 100, intervalMs: 10_000, daily: 200_000 };

type PhaseResult = {
  ok: number;
  okAfterWarmup: number;
  rateLimited: number;
  rateLimitedAfterWarmup: number;
  otherFailures: number;
  seconds: number;
};

type TimedEvent = GhlCallEvent & { at: number };

/** Drives CALLERS_PER_LOCATION loops per location for one phase; counts calls by start time. */
async function runPhase(
  client: GhlClient,
  locationIds: string[],
  events: TimedEvent[],
): Promise<PhaseResult> {
  events.length = 0;
  const t0 = Date.now();
  // Aborting at the end drops calls still queued in the limiter, so the phase ends on time.
  const stop = AbortSignal.timeout(PHASE_MS);
  setMaxListeners(0, stop); // one shared signal, hundreds of queued calls listening to it
  let otherFailures = 0;
  const loop = async (locationId: string) => {
    while (!stop.aborted) {
      try {
        await client.listPipelines(locationId, { signal: stop });
      } catch {
        if (!stop.aborted) otherFailures++;
      }
    }
  };
  const callers = locationIds.flatMap((id) =>
    Array.from({ length: CALLERS_PER_LOCATION }, () => loop(id)),
  );
  await Promise.all(callers);
  const result: PhaseResult = {
    ok: 0,
    okAfterWarmup: 0,
    rateLimited: 0,
    rateLimitedAfterWarmup: 0,
    otherFailures,
    seconds: PHASE_MS / 1000,
  };
  for (const e of events) {
    const startMs = e.at - e.durationMs - t0;
    if (startMs >= PHASE_MS) continue;
    const isAfterWarmup = startMs >= WARMUP_MS;
    if (e.status === 200) {
      result.ok++;
      if (isAfterWarmup) result.okAfterWarmup++;
    } else if (e.status === 429) {
      result.rateLimited++;
      if (isAfterWarmup) result.rateLimitedAfterWarmup++;
    }
  }
  return result;
}

function fmt(n: number, digits = 2): string {
  return n.toFixed(digits);
}

function row(label: string, value: string | number, note = ''): void {
  console.log(`  ${label.padEnd(24)}${String(value).padEnd(10)}${note}`.trimEnd());
}

function report(title: string, r: PhaseResult, goal: number, locations: number): void {
  const rate = r.ok / r.seconds;
  const steady = r.okAfterWarmup / ((PHASE_MS - WARMUP_MS) / 1000);
  console.log('');
  console.log(title);
  row('requests ok', r.ok);
  row(`req/s over ${r.seconds} s`, fmt(rate), `goal >= ${goal}, ratio ${fmt(rate / goal)}`);
  row('req/s after warm-up', fmt(steady), `ratio ${fmt(steady / goal)}`);
  if (locations > 1) row('req/s per location', fmt(rate / locations));
  row('429 total', r.rateLimited);
  row('429 after warm-up', r.rateLimitedAfterWarmup, 'goal 0');
  row('other failures', r.otherFailures);
}

type SimInfo = {
  url: string;
  companyId: string;
  agencyToken: string;
  locations: Array<{ id: string; token: string }>;
};

/** Starts `scripts/sim.ts` on a free port in a child process; resolves once it printed its info. */
async function startSimProcess(): Promise<{ info: SimInfo; child: ChildProcess }> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const args = ['--import', 'tsx', 'scripts/sim.ts', '--port', '0', '--json', '--seed', '7'];
  args.push('--mode', 'strict', '--locations', String(AGGREGATE_LOCATIONS), '--contacts', '10');
  args.push('--latency', String(LATENCY_MS), '--rate-max', String(BUDGET.max));
  args.push('--rate-window-ms', String(BUDGET.intervalMs), '--daily', String(BUDGET.daily));
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`simulator exited early (code ${code})`)));
  });
  const { url } = JSON.parse(firstLine) as { url: string };
  // The printed info lists 20 locations; the admin endpoint lists them all with their PITs.
  const info = (await (await fetch(`${url}/__sim/info`)).json()) as SimInfo;
  return { info, child };
}

async function main(): Promise<void> {
  const { info, child } = await startSimProcess();
  const events: TimedEvent[] = [];
  const tokens = new Map(info.locations.map((l) => [l.id, l.token]));
  const credentials: CredentialResolver = {
    agencyToken: info.agencyToken,
    companyId: info.companyId,
    tokenForLocation: async (id) => ({ token: tokens.get(id) ?? '', kind: 'location' }),
  };
  const client = createGhlClient({
    baseUrl: info.url,
    credentials,
    onCall: (e) => {
      events.push({ ...e, at: Date.now() });
    },
  });
  const ids = info.locations.map((l) => l.id);
  try {
    const budget = `${BUDGET.max} req / ${BUDGET.intervalMs / 1000} s per token+location`;
    console.log(`client bench: simulator (own process) budget ${budget}, latency ${LATENCY_MS} ms`);
    console.log(
      `phase ${PHASE_MS / 1000} s, warm-up ${WARMUP_MS / 1000} s, ` +
        `${CALLERS_PER_LOCATION} concurrent callers per location`,
    );
    const started = Date.now();
    report('one location', await runPhase(client, ids.slice(0, 1), events), 9.5, 1);
    const many = await runPhase(client, ids.slice(0, AGGREGATE_LOCATIONS), events);
    const goal = 0.9 * AGGREGATE_LOCATIONS * 10;
    report(`${AGGREGATE_LOCATIONS} locations at once`, many, goal, AGGREGATE_LOCATIONS);
    console.log('');
    console.log(`bench time ${fmt((Date.now() - started) / 1000, 1)} s`);
  } finally {
    child.kill('SIGTERM');
  }
}

await main();

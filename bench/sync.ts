// `npm run bench:sync [api|ingest|memory|latency|webhooks|fleet|large]`: the sync engine against the simulator with GHL's real budget
// (100 requests / 10 s per location) and a fixed response latency. Prints plain figures.
// The simulator runs in a child process (so its JSON work does not share the sync's event loop);
// PostgreSQL is DATABASE_URL's server or a private one ('bench', BENCH_PG_PORT or 54331). One file per figure
// in bench/sync/.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { startLocalPostgres } from '@/scripts/lib/local-postgres';
import { SYNC_NODE_FLAGS } from '@/scripts/lib/node-flags';
import { apiBound } from './sync/api';
import { f, LATENCY_MS, out } from './sync/common';
import { fleetBound } from './sync/fleet';
import { ingestBound } from './sync/ingest';
import { largeLocation } from './sync/large-location';
import { latencyBound } from './sync/latency';
import { memoryBound } from './sync/memory';
import { webhooksBound } from './sync/webhooks';

// The sync runs in this process (e2e, raw and client alone alike): give it the V8 flags that
// `npm run cli` and `npm run worker` run with.
if (!SYNC_NODE_FLAGS.every((flag) => process.execArgv.includes(flag))) {
  const rerun = spawnSync(
    process.execPath,
    [
      ...SYNC_NODE_FLAGS,
      '--conditions=react-server',
      '--import',
      'tsx',
      import.meta.filename,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  process.exit(rerun.status ?? 1);
}

const base =
  process.env.DATABASE_URL ??
  (
    await startLocalPostgres({
      name: 'bench',
      port: Number(process.env.BENCH_PG_PORT ?? 54331),
      fast: true,
    })
  ).url;
const only = process.argv.slice(2);
out(
  `bench/sync.ts: simulator latency ${LATENCY_MS} ms per response, real budget 100 requests / 10 s per location; run ${randomBytes(3).toString('hex')}`,
);
/** The machine's load when a figure starts (shared machines: read figures with it). */
const load = (name: string) =>
  out(
    `  [${name}] load average ${os
      .loadavg()
      .map((n) => f(n, 1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
const started = performance.now();
const parts: Array<[string, (base: string) => Promise<void>]> = [
  ['api', apiBound],
  ['ingest', ingestBound],
  ['memory', memoryBound],
  ['latency', latencyBound],
  ['webhooks', webhooksBound],
  ['fleet', fleetBound],
  ['large', largeLocation],
];
for (const [name, run] of parts) {
  if (only.length > 0 && !only.includes(name)) continue;
  load(name);
  await run(base);
}
out(`total bench time ${f((performance.now() - started) / 1000, 0)} s`);

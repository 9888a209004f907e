// Shared parts of `npm run bench:sync`: the simulator in a child process, fresh databases, a
// timed sync and the number format of the printed figures.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, type Db } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import type { SyncContext } from '@/lib/sync/context';
import { createSyncRuntime } from '@/lib/sync/create-sync-context';
import { runSync } from '@/lib/sync/run-sync';

export const LATENCY_MS = 50;
export const INGEST_CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 24);
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const tsx = (code: string, env: Record<string, string> = {}): ChildProcess =>
  spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', '--input-type=module', '-e', code],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
export const firstLine = (child: ChildProcess): Promise<string> =>
  new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const end = buffer.indexOf('\n');
      if (end >= 0) resolve(buffer.slice(0, end));
    });
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before answering`)));
  });

export type Sim = {
  url: string;
  agencyToken: string;
  companyId: string;
  locations: string[];
  admin<T>(p: string, body?: unknown): Promise<T>;
  /** CPU seconds the simulator process has used so far (Linux /proc; 0 elsewhere). */
  cpuSeconds(): number;
  stop(): void;
};
export type Sizes = {
  contacts: number;
  opportunities: number;
  transactions: number;
  orders: number;
  subscriptions: number;
};

/** The simulator in a child process, its records generated and encoded up front (GHL does not build its responses on our CPU). */
export async function startSim(
  locations: number,
  sizes: Sizes,
  cacheRecords: number,
  latencyMs = LATENCY_MS,
): Promise<Sim> {
  const options = { seed: 42, locations, latencyMs, cacheRecords };
  const child = tsx(`
    import { startSimulator } from './sim/server.ts';
    const sim = await startSimulator({ ...${JSON.stringify(options)}, sizes: () => (${JSON.stringify(sizes)}) });
    console.log(JSON.stringify({ url: sim.url, agencyToken: sim.agencyToken, companyId: sim.companyId, locations: sim.world.locations.map((l) => l.id) }));
    setInterval(() => {}, 1 << 30);`);
  const info = JSON.parse(await firstLine(child)) as Omit<Sim, 'admin' | 'stop'>;
  const admin = async <T>(p: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${info.url}${p}`, {
      method: body === undefined ? 'GET' : 'POST',
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    return (await res.json()) as T;
  };
  await admin('/__sim/prepare', {});
  const cpuSeconds = () => {
    try {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, USER_HZ ticks
    } catch {
      return 0;
    }
  };
  return { ...info, admin, cpuSeconds, stop: () => child.kill('SIGTERM') };
}

export type SimStats = { total: number; rateLimited: number; byLocation: Record<string, number> };

export async function freshDatabase(
  base: string,
  name: string,
): Promise<{ url: string; db: Db; drop(): Promise<void> }> {
  const url = new URL(base);
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(base), { pathname: '/postgres' }).toString(),
  });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  const db = createDb(url.toString());
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.$disconnect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function timedSync(
  target: { url: string; db: Db },
  sim: Sim,
  mode: 'incremental' | 'full',
  concurrency: number,
  overrides: Partial<Pick<SyncContext, 'entityConcurrency' | 'cursorsPerEntity'>> = {},
) {
  const runtime = await createSyncRuntime({
    db: target.db,
    databaseUrl: target.url,
    ghl: { baseUrl: sim.url, agencyToken: sim.agencyToken, companyId: sim.companyId },
    encryptionKey: null,
    overrides,
  });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const busy = machineBusySeconds();
  const result = await runSync(runtime.ctx, { mode, concurrency, trigger: 'bench' });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await runtime.close();
  if (result.status !== 'ok')
    throw new Error(
      `sync ended ${result.status}: ${result.fatal ?? JSON.stringify(result.locations.filter((l) => l.entities.some((e) => e.status !== 'ok' && e.status !== 'skipped')))}`,
    );
  return {
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    machineCpuSeconds: machineBusySeconds() - busy,
    requests: runtime.callLog.totals.calls,
    records: result.locations.reduce(
      (n, l) => n + l.entities.reduce((m, e) => m + e.records, 0),
      0,
    ),
  };
}

/** CPU seconds every core of the machine spent busy so far (os.cpus() times are in ms). */
export const machineBusySeconds = () =>
  os.cpus().reduce((sum, c) => sum + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0) /
  1000;

export const f = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const out = (line: string) => console.log(line);

/** The one big location of (5) and (8), at GHL's real latency. */
export const BIG_LOCATION_LATENCY_MS = 300;
const BIG_LOCATION: Sizes = {
  contacts: 10_000,
  opportunities: 5_000,
  transactions: 5_000,
  orders: 0,
  subscriptions: 0,
};

/**
 * Full syncs of the big location, one per set of overrides, each into a fresh database, with the
 * 429s the simulator answered during each.
 */
export async function bigLocationRuns<
  T extends Partial<Pick<SyncContext, 'entityConcurrency' | 'cursorsPerEntity'>>,
>(base: string, database: string, variants: readonly T[]) {
  const sim = await startSim(1, BIG_LOCATION, 100_000, BIG_LOCATION_LATENCY_MS);
  try {
    const runs = [];
    for (const overrides of variants) {
      const target = await freshDatabase(base, database);
      try {
        await sim.admin('/__sim/reset-stats', {});
        const run = await timedSync(target, sim, 'full', 1, overrides);
        const stats = await sim.admin<SimStats>('/__sim/stats');
        runs.push({ ...overrides, ...run, rateLimited: stats.rateLimited });
      } finally {
        await target.drop();
      }
    }
    return runs;
  } finally {
    sim.stop();
  }
}

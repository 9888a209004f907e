import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoss } from '@/lib/jobs/boss';
import { syncAgency } from '@/lib/jobs/definitions/sync/sync-agency';
import { enqueue } from '@/lib/jobs/enqueue';
import { buildBin } from '@/scripts/build-bin.mjs';
import { SYNC_NODE_FLAGS } from '@/scripts/lib/node-flags';
import { cachedIds, createHarness, truthIds, type SyncHarness } from './helpers';

// npm run cli / worker run esbuild bundles on bare node (no TypeScript loader): check the bundles
// themselves work — Prisma's generated client, path aliases, migrations dir — not just the sources.
const ROOT = path.resolve(import.meta.dirname, '../..');
let h: SyncHarness;

beforeAll(async () => {
  await buildBin({ cli: 'scripts/cli.ts', worker: 'scripts/worker.ts' });
  h = await createHarness({ mode: 'seed', locations: 2 });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

function runBin(name: 'cli' | 'worker', args: string[], untilLine?: RegExp) {
  const child = spawn(process.execPath, [...SYNC_NODE_FLAGS, `dist/bin/${name}.mjs`, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: h.t.url,
      GHL_API_BASE_URL: h.sim.url,
      GHL_API_TOKEN: h.sim.agencyToken,
      GHL_COMPANY_ID: h.sim.companyId,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const seen = new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (untilLine?.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { child, seen, exited, output: () => output };
}

describe('the bundled dist/bin entry points', () => {
  it('cli sync and status run and write the cache', async () => {
    const sync = runBin('cli', ['sync']);
    expect(await sync.exited, sync.output()).toBe(0);
    for (const location of h.sim.world.locations)
      expect(await cachedIds(h.db, 'contacts', location.id)).toEqual(
        truthIds(h.sim, 'contacts', location.id),
      );
    const status = runBin('cli', ['status']);
    expect(await status.exited, status.output()).toBe(0);
    expect(status.output()).toContain(h.sim.world.locations[0]!.name);
  }, 60_000);

  it('the worker starts, runs a queued agency sync (lazily loaded handlers), and stops cleanly on SIGTERM', async () => {
    const worker = runBin('worker', [], /sync worker started/);
    await Promise.race([worker.seen, worker.exited]);
    expect(worker.output()).toMatch(/sync worker started/);
    const boss = await createBoss({ databaseUrl: h.t.url });
    try {
      await enqueue(syncAgency, { mode: 'incremental', trigger: 'test' }, { boss });
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    for (const until = Date.now() + 30_000; ;) {
      const run = await h.db.syncRun.findFirst({ where: { trigger: 'test' } });
      if (run && run.status !== 'running') {
        expect(run, worker.output()).toMatchObject({ status: 'ok', locationsDone: 2 });
        break;
      }
      if (Date.now() > until) throw new Error(`no finished run: ${worker.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    worker.child.kill('SIGTERM');
    expect(await worker.exited, worker.output()).toBe(0);
  }, 60_000);
});

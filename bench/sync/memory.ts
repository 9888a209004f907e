// (4) one location with 200,000 contacts: peak memory of a bundled sync process.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildBin } from '@/scripts/build-bin.mjs';
import { SYNC_NODE_FLAGS } from '@/scripts/lib/node-flags';
import { f, firstLine, freshDatabase, out, ROOT, startSim } from './common';

type ChildResult = {
  status: string;
  seconds: number;
  contacts: number;
  maxRssMb: number;
  maxHeapMb: number;
};

export async function memoryBound(base: string) {
  const sim = await startSim(
    1,
    { contacts: 200_000, opportunities: 10, transactions: 10, orders: 1, subscriptions: 1 },
    250_000,
  );
  const target = await freshDatabase(base, 'bench_memory');
  const env = {
    B_DB: target.url,
    B_SIM: sim.url,
    B_TOKEN: sim.agencyToken,
    B_COMPANY: sim.companyId,
  };
  await buildBin({ 'memory-child': 'bench/memory-child.ts' }, path.join(ROOT, 'dist/bench'));
  const child = async (flags: string[], extra: Record<string, string> = {}) => {
    const proc = spawn(process.execPath, [...flags, 'dist/bench/memory-child.mjs'], {
      cwd: ROOT,
      env: { ...process.env, ...env, ...extra },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return JSON.parse(await firstLine(proc)) as ChildResult;
  };
  try {
    const baseline = await child(SYNC_NODE_FLAGS, { B_BASELINE: '1' });
    const plain = await child(SYNC_NODE_FLAGS);
    const capped = await child([...SYNC_NODE_FLAGS, '--max-old-space-size=64']);
    out(
      `(4) one location with 200,000 contacts, full sync in a child process (bundled, node ${SYNC_NODE_FLAGS.join(' ')}, as npm run cli / worker)`,
    );
    out(
      `    ${plain.status}: ${f(plain.contacts)} contacts in ${f(plain.seconds, 1)} s; peak RSS ${f(plain.maxRssMb)} MB (goal < 300 MB); JS heap in use at most ${f(plain.maxHeapMb)} MB (sampled every 100 ms)`,
    );
    out(
      `    the same process idle after loading the code and one query: ${f(baseline.maxRssMb)} MB (Node, Prisma)`,
    );
    out(
      `    with node --max-old-space-size=64: ${capped.status}, peak RSS ${f(capped.maxRssMb)} MB in ${f(capped.seconds, 1)} s`,
    );
  } finally {
    sim.stop();
    await target.drop();
  }
}

// (6) webhooks as change hints: requests per changed record, change -> report delay.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseEnv } from '@/lib/env';
import { refreshRecord } from '@/lib/jobs/definitions/sync/refresh-record';
import { enqueue } from '@/lib/jobs/enqueue';
import { startWorker } from '@/lib/jobs/start-worker';
import { createSyncRuntime } from '@/lib/sync/create-sync-context';
import { runSync } from '@/lib/sync/run-sync';
import { receiveGhlWebhook } from '@/lib/webhooks/receive-ghl-webhook';
import { webhookSettings } from '@/lib/webhooks/webhook-settings';
import { startSimulator } from '@/sim/server';
import { f, freshDatabase, out } from './common';

/**
 * (6) Webhooks as change hints: a stream of changes to 40 locations at GHL's real latency (300 ms)
 * and budget; each change's signed webhook goes through the route's use-case, pg-boss and the
 * refresh-record job of a worker (default polling, SYNC_CONCURRENCY 16). Measures GHL requests per
 * changed record and the time from the change to its rollups being recomputed ("in the report").
 */
export async function webhooksBound(base: string) {
  const latencyMs = 300;
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const sim = await startSimulator({
    seed: 42,
    locations: 40,
    latencyMs: 0,
    sizes: () => ({
      contacts: 300,
      opportunities: 150,
      transactions: 150,
      orders: 10,
      subscriptions: 10,
    }),
  });
  const target = await freshDatabase(base, 'bench_webhooks');
  const runtime = await createSyncRuntime({
    db: target.db,
    databaseUrl: target.url,
    ghl: { baseUrl: sim.url, agencyToken: sim.agencyToken, companyId: sim.companyId },
    encryptionKey: null,
  });
  // The simulator shares this event loop here: a gentle setup keeps Prisma's waits in bounds.
  const first = await runSync(runtime.ctx, { mode: 'full', concurrency: 4, trigger: 'bench' });
  if (first.status !== 'ok') throw new Error(`setup sync ended ${first.status}`);
  sim.config.latencyMs = latencyMs;
  const worker = await startWorker({
    services: { sync: runtime.ctx },
    databaseUrl: target.url,
    settings: parseEnv({ SYNC_CONCURRENCY: '16' }),
    schedules: false,
  });
  // As the route does (GHL_WEBHOOK_COALESCE_SECONDS, default 5).
  const { coalesceSeconds } = webhookSettings(parseEnv({}));
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      receiveGhlWebhook(
        target.db,
        { rawBody: Buffer.concat(chunks), signature: String(req.headers['x-wh-signature'] ?? '') },
        {
          publicKey,
          replayWindowMs: 300_000,
          now: new Date(),
          enqueue: (hint) =>
            enqueue(refreshRecord, hint, { boss: worker.boss, startAfterSeconds: coalesceSeconds }),
        },
      ).then(
        (result) => res.writeHead(200).end(JSON.stringify(result)),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const sender = sim.sendWebhooks({
    url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/ghl`,
    privateKey: keys.privateKey,
    duplicate: 0.05,
    reorder: 8,
    concurrency: 8,
  });
  try {
    sim.resetStats();
    // 60 s of changes: every 100 ms one location changes a few records (an update, sometimes a
    // new record or a deletion), like a busy agency's afternoon.
    const locations = sim.world.locations.map((l) => l.id);
    const started = Date.now();
    for (let i = 0; Date.now() - started < 60_000; i++) {
      const id = locations[(i * 7) % locations.length]!;
      const entities = ['contacts', 'opportunities', 'transactions', 'subscriptions'] as const;
      const entity = entities[i % entities.length] ?? 'contacts';
      sim.mutate(id, {
        update: { [entity]: 1 + (i % 2) },
        ...(i % 5 === 0 ? { create: { contacts: 1, transactions: 1 } } : {}),
        ...(i % 23 === 0 ? { delete: { opportunities: 1 } } : {}),
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await sender.flush();
    for (;;) {
      const [row] = await target.db.$queryRaw<Array<{ n: number }>>`
        SELECT count(*)::int AS n FROM pgboss.job
        WHERE name = 'refresh-record' AND state IN ('created', 'retry', 'active')`;
      if ((row?.n ?? 0) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const done = await target.db.$queryRaw<Array<{ record: string; at: Date }>>`
      SELECT data->>'recordId' AS record, completed_on AS at FROM pgboss.job
      WHERE name = 'refresh-record' AND state = 'completed' ORDER BY completed_on`;
    const completions = new Map<string, number[]>();
    for (const { record, at } of done)
      completions.set(record, [...(completions.get(record) ?? []), at.getTime()]);
    const delays: number[] = [];
    for (const event of sender.events) {
      const at = completions.get(event.recordId)?.find((t) => t >= event.changedAt);
      if (at !== undefined) delays.push((at - event.changedAt) / 1000);
    }
    delays.sort((a, b) => a - b);
    const [phases] = await target.db.$queryRaw<
      Array<{ waitP50: number; waitP95: number; runP50: number; runP95: number }>
    >`
      SELECT
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_on - created_on)) AS "waitP50",
        percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM started_on - created_on)) AS "waitP95",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_on - started_on)) AS "runP50",
        percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM completed_on - started_on)) AS "runP95"
      FROM pgboss.job WHERE name = 'refresh-record' AND state = 'completed'`;
    const p95 = delays[Math.min(delays.length - 1, Math.floor(delays.length * 0.95))] ?? NaN;
    const stats = sim.stats();
    const reads = Object.entries(stats.byEndpoint)
      .filter(([endpoint]) => endpoint.endsWith('.get'))
      .reduce((sum, [, n]) => sum + n, 0);
    const changed = new Set(sender.events.map((e) => `${e.entity}:${e.recordId}`)).size;
    out(
      `(6) webhooks: 40 locations, ${latencyMs} ms per response, 60 s of changes (${f(sender.events.length)} events, ${f(changed)} records changed, 5% delivered twice, out of order), one worker`,
    );
    out(
      `    GHL requests per changed record: ${f(reads)} / ${f(changed)} = ${f(reads / changed, 2)} (goal <= 1.2); all requests in that time ${f(stats.total)}, 429s ${stats.rateLimited}`,
    );
    out(
      `    jobs (${f(done.length)}): queued -> started p50 ${f(phases?.waitP50 ?? NaN, 1)} s, p95 ${f(phases?.waitP95 ?? NaN, 1)} s; started -> done p50 ${f((phases?.runP50 ?? NaN) * 1000, 0)} ms, p95 ${f((phases?.runP95 ?? NaN) * 1000, 0)} ms`,
    );
    out(
      `    change -> report (rollups recomputed): p50 ${f(delays[Math.floor(delays.length / 2)] ?? NaN, 1)} s, p95 ${f(p95, 1)} s (goal <= 60 s), max ${f(delays.at(-1) ?? NaN, 1)} s over ${f(delays.length)} events`,
    );
  } finally {
    sender.detach();
    await worker.stop({ timeoutMs: 30_000 });
    await new Promise((resolve) => receiver.close(resolve));
    await runtime.close();
    await sim.close();
    await target.drop();
  }
}

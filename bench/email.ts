/**
 * A burst of 1,000 location emails through a local SMTP server: each location's numbers from
 * PostgreSQL, rendered, its CSV attached, sent over SMTP with the exactly-once protocol
 * (lib/reports/delivery/send-delivery.ts). Prints emails per second, peak RSS, and checks every
 * email arrived exactly once (by Message-ID). Run: `npm run bench:email` (about half a minute).
 * Each email carries its inline trend chart (SVG rendered to PNG by resvg).
 *
 * PostgreSQL is DATABASE_URL's server or a private one ('bench-email', BENCH_PG_PORT or 54332).
 * Ends with: `email burst: <sent> sent, <duplicates> duplicates, <rate> emails/s, peak RSS <mb> MB`
 */
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { createDb } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { createDueDeliveries } from '@/lib/reports/delivery/create-due-deliveries';
import { readyDeliveryIds } from '@/lib/reports/delivery/ready-delivery-ids';
import { sendDelivery } from '@/lib/reports/delivery/send-delivery';
import { createSchedule } from '@/lib/reports/schedules/create-schedule';
import { startLocalPostgres } from '@/scripts/lib/local-postgres';
import { seedScaleAgency } from '@/tests/metrics/seed-scale';

const LOCATIONS = Number(process.env.BENCH_EMAILS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const out = (line: string) => process.stdout.write(`${line}\n`);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

// The SMTP server: counts messages by Message-ID (no full parse, so it costs the sender little).
const received = new Map<string, number>();
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk: Buffer) => {
      if (head.length < 8192) head += chunk.toString('latin1');
    });
    stream.on('end', () => {
      const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? 'missing';
      received.set(id, (received.get(id) ?? 0) + 1);
      callback();
    });
  },
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const smtpPort = (server.server.address() as AddressInfo).port;

const base =
  process.env.DATABASE_URL ??
  (
    await startLocalPostgres({
      name: 'bench-email',
      port: Number(process.env.BENCH_PG_PORT ?? 54332),
      fast: true,
    })
  ).url;
const name = 'bench_email';
const admin = new pg.Client({
  connectionString: Object.assign(new URL(base), { pathname: '/postgres' }).toString(),
});
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${name}`);
const url = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
await applyMigrations(url);
const db = createDb(url);
const settings = {
  host: '127.0.0.1',
  port: smtpPort,
  secure: false,
  from: 'Agency Pulse <reports@bench.test>',
  appUrl: 'http://pulse.bench',
};
try {
  await seedScaleAgency(db, LOCATIONS, 30);
  const ids = (await db.location.findMany({ select: { id: true } })).map((l) => l.id);
  await createSchedule(
    db,
    {
      name: 'Your week',
      report: 'location',
      coverage: 'burst',
      locationIds: ids,
      locationRecipients: Object.fromEntries(ids.map((id) => [id, [`${id}@clients.bench.test`]])),
      period: 'last-7-days',
      comparison: 'previous-period',
      cadence: 'daily',
      sendTime: '08:00',
      timezone: 'UTC',
      freshnessMode: 'warn',
    },
    new Date('2024-01-20T12:00:00Z'),
  );
  const now = new Date('2024-01-21T08:00:30Z');
  await createDueDeliveries(db, { now, mailFrom: settings.from });
  const queue = await readyDeliveryIds(db, now);
  out(`RSS before sending: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
  out(
    `${queue.length} deliveries queued for ${LOCATIONS} locations; sending ${CONCURRENCY} at a time`,
  );

  const began = performance.now();
  const outcomes = new Map<string, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < queue.length) {
        const id = queue[next++]!;
        const outcome = await sendDelivery(db, id, { settings, now: () => now });
        outcomes.set(outcome.status, (outcomes.get(outcome.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  // A second pass (a tick after a restart) must send nothing.
  for (const id of queue) await sendDelivery(db, id, { settings, now: () => now });

  const sentRows = await db.reportDelivery.count({ where: { status: 'sent' } });
  const messages = [...received.values()].reduce((a, b) => a + b, 0);
  const duplicates = messages - received.size;
  const mem = process.memoryUsage();
  out(
    `memory after: rss ${(mem.rss / 1048576).toFixed(0)} MB, heap ${(mem.heapUsed / 1048576).toFixed(0)} MB, external ${(mem.external / 1048576).toFixed(0)} MB`,
  );
  out(`outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}; rows sent: ${sentRows}`);
  out(`messages received: ${messages}, distinct Message-IDs: ${received.size}`);
  if (received.size !== queue.length || sentRows !== queue.length)
    out(`NOT exactly once: ${queue.length} expected`);
  out(
    `email burst: ${received.size} sent, ${duplicates} duplicates, ${(received.size / seconds).toFixed(1)} emails/s, peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
  );
} finally {
  clearInterval(sampler);
  await db.$disconnect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * A burst of 1,000 location emails through a local SMTP server: each location's numbers from
 * PostgreSQL, rendered with React Email, its inline trend chart (SVG → PNG by resvg) and its CSV
 * attached, sent over SMTP with the exactly-once protocol (lib/reports/delivery/send-delivery.ts).
 * Run: `npm run bench:email` (about a minute with the seeding).
 *
 * Two processes, as in production: this one seeds PostgreSQL, creates the burst schedule and its
 * 1,000 deliveries, and runs the SMTP server that receives them (counting each message by
 * Message-ID); the sender is bench/email-sender.ts, bundled and run on bare node exactly like
 * the worker (`npm run worker`), and it is the process whose speed and peak RSS are printed (the
 * kernel's high-water mark, `getrusage` maxRSS, and 10 ms samples — whichever is higher).
 *
 * PostgreSQL is DATABASE_URL's server or a private one ('bench-email', BENCH_PG_PORT or 54332).
 * Ends with: `email burst: <sent> sent, <duplicates> duplicates, <rate> emails/s, peak RSS <mb> MB`
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { createDb } from '@/lib/db/client';
import { applyMigrations } from '@/lib/db/migrate';
import { createDueDeliveries } from '@/lib/reports/delivery/create-due-deliveries';
import { createSchedule } from '@/lib/reports/schedules/create-schedule';
import { buildBin } from '@/scripts/build-bin.mjs';
import { startLocalPostgres } from '@/scripts/lib/local-postgres';
import { SYNC_NODE_FLAGS } from '@/scripts/lib/node-flags';
import { seedScaleAgency } from '@/tests/metrics/seed-scale';

/** The sender's last line (its JSON); what it printed before (e.g. --trace-gc) goes to stderr. */
function passThrough(output: string): string {
  const lines = output.trim().split('\n');
  const last = lines.pop() ?? '';
  if (lines.length) process.stderr.write(`${lines.join('\n')}\n`);
  return last;
}

/** What bench/email-sender.ts prints. */
type SenderResult = {
  queued: number;
  seconds: number;
  cpuSeconds: number;
  outcomes: Record<string, number>;
  secondPass: Record<string, number>;
  rssBeforeMb: number;
  peakRssMb: number;
  heapMb: number;
  externalMb: number;
};

const LOCATIONS = Number(process.env.BENCH_EMAILS ?? 1000);
// 8 at a time, as the worker runs send-report-email (lib/jobs/definitions/email/send-report-email.ts).
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const out = (line: string) => process.stdout.write(`${line}\n`);

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

const local = process.env.DATABASE_URL
  ? null
  : await startLocalPostgres({
      name: 'bench-email',
      port: Number(process.env.BENCH_PG_PORT ?? 54332),
      fast: true,
    });
const base = process.env.DATABASE_URL ?? local!.url;

/**
 * CPU seconds of the private PostgreSQL server so far: the postmaster, its running children and
 * its reaped ones (the sender's backends, once it disconnected). Null for DATABASE_URL's server.
 */
function postgresCpuSeconds(): number | null {
  if (!local) return null;
  const ticks = (pid: string, withChildren: boolean) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime, stime (fields 14, 15), then cutime, cstime of reaped children
    const own = Number(fields[11]) + Number(fields[12]);
    return withChildren ? own + Number(fields[13]) + Number(fields[14]) : own;
  };
  try {
    const postmaster = readFileSync(path.join(local.dataDir, 'postmaster.pid'), 'utf8').split(
      '\n',
    )[0]!;
    let total = ticks(postmaster, true);
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (stat.split(') ')[1]!.split(' ')[1] === postmaster) total += ticks(pid, false);
      } catch {
        // the process ended meanwhile
      }
    }
    return total / 100; // USER_HZ
  } catch {
    return null; // not readable (another user's server, no /proc)
  }
}
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
  const queued = await db.reportDelivery.count({ where: { status: 'queued' } });
  out(`${queued} deliveries queued for ${LOCATIONS} locations; sending ${CONCURRENCY} at a time`);

  await buildBin({ 'email-sender': 'bench/email-sender.ts' }, 'dist/bench');
  const postgresBefore = postgresCpuSeconds();
  const result = await new Promise<SenderResult>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the sender.
      [
        ...SYNC_NODE_FLAGS, // the worker's own flags (npm run worker)
        ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        'dist/bench/email-sender.mjs',
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: {
          ...process.env,
          NODE_ENV: 'production',
          B_DB: url,
          B_SMTP_PORT: String(smtpPort),
          B_CONCURRENCY: String(CONCURRENCY),
          B_NOW: now.toISOString(),
        },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(passThrough(output)) as SenderResult)
        : reject(new Error(`the sender exited with ${code}: ${output}`)),
    );
  });

  const postgresAfter = postgresCpuSeconds();
  const sentRows = await db.reportDelivery.count({ where: { status: 'sent' } });
  const messages = [...received.values()].reduce((a, b) => a + b, 0);
  const duplicates = messages - received.size;
  out(
    `sender: rss ${result.rssBeforeMb.toFixed(0)} MB before the first email; after: heap ${result.heapMb.toFixed(0)} MB, external ${result.externalMb.toFixed(0)} MB`,
  );
  out(
    `outcomes: ${JSON.stringify(result.outcomes)}; second pass: ${JSON.stringify(result.secondPass)}; rows sent: ${sentRows}`,
  );
  out(
    `sender: ${result.seconds.toFixed(1)} s for ${result.queued} emails, ${((result.cpuSeconds / result.queued) * 1000).toFixed(1)} ms of its CPU per email; load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores`,
  );
  if (postgresBefore !== null && postgresAfter !== null)
    out(
      `PostgreSQL: ${(((postgresAfter - postgresBefore) / result.queued) * 1000).toFixed(1)} ms of its CPU per email (both passes)`,
    );
  out(`messages received: ${messages}, distinct Message-IDs: ${received.size}`);
  if (received.size !== queued || sentRows !== queued || result.queued !== queued)
    out(`NOT exactly once: ${queued} expected`);
  out(
    `email burst: ${received.size} sent, ${duplicates} duplicates, ${(received.size / result.seconds).toFixed(1)} emails/s, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
  );
} finally {
  await db.$disconnect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

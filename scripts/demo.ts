import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSimulator, type Simulator } from '@/sim/server';
import { DEMO_LOCATION_NAMES } from '@/sim/world/demo-names';
import { createDb } from '@/lib/db/client';
import { env, requireEncryptionKey } from '@/lib/env';
import { setLocationToken } from '@/lib/sync/location-tokens';
import { ensureExampleSchedules } from '@/lib/reports/schedules/ensure-example-schedules';
import { ensureDemoAdmin } from '@/lib/users/ensure-demo-admin';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { describePort, findFreePort, startOnFreePort } from './lib/free-port';
import { ensureLocalDatabase, type LocalDatabase } from './lib/local-database';
import { localPostgresUrl, stopLocalPostgres } from './lib/local-postgres';
import { SYNC_NODE_FLAGS } from './lib/node-flags';
import { BUILD_HASH_FILE, isBuildCurrent, sourceHash } from './lib/source-hash';

// The demo: local PostgreSQL (unless DATABASE_URL is set), the GHL simulator with a demo agency
// (seed mode: the agency token reads every location; data dated up to this hour), a first full sync
// through the real CLI, a local SMTP catcher, then `next start` and the worker (syncs, email reports
// with two example schedules due at once, Settings → Sync now). Each server takes its usual port
// (app 3000, simulator 4010, PostgreSQL 54329, SMTP 2525) when free, else the next free one, and
// the URLs printed are the ones served. Any failure while starting stops what was already started;
// so does Ctrl-C.
//
// Stopping: SIGTERM, SIGINT or SIGHUP to this process, to `npm run demo` (npm forwards it; demo.sh
// has exec'd into this process), or to any child — the app, the worker, the first sync or
// PostgreSQL (whose postmaster.pid then says "stopping") — stops everything: the children, then
// PostgreSQL, the simulator and the SMTP catcher. So does this process's parent going away.
// tests/demo/demo-signals.test.ts proves it. DEMO_APP_PORT, DEMO_SIM_PORT, DEMO_DB_PORT,
// DEMO_SMTP_PORT and DEMO_PG_NAME (default 'dev') choose other ports and another server;
// DEMO_REUSE_BUILD=1 takes .next as it is (a test that just built it).
const PORTS = {
  app: Number(process.env.DEMO_APP_PORT ?? 3000),
  sim: Number(process.env.DEMO_SIM_PORT ?? 4010),
  db: Number(process.env.DEMO_DB_PORT ?? 54329),
  smtp: Number(process.env.DEMO_SMTP_PORT ?? 2525),
};
const PG_NAME = process.env.DEMO_PG_NAME ?? 'dev';
const ROOT = path.resolve(import.meta.dirname, '..');
/** Demo sub-accounts whose data the sync cannot read, so /health and "—" cells show real cases. */
const UNREADABLE = {
  missingScope: [
    { index: 18, entity: 'contacts' },
    { index: 19, entity: 'transactions' },
  ],
  forbidden: 32,
  revokedToken: 27,
} as const;

let database: LocalDatabase | undefined;
let sim: Simulator | undefined;
let catcher: SMTPServer | undefined;
const children: ChildProcess[] = [];
let stopping = false;
const existingUrl = env().DATABASE_URL;
// When Ctrl-C comes while the demo's own PostgreSQL is starting, `database` is not set yet.
const dbWasRunning = !existingUrl && localPostgresUrl(PG_NAME) !== undefined;

async function shutdown(code: number, reason?: string): Promise<never> {
  // A second call (the app exiting because it got the same Ctrl-C) waits for the first one: an
  // early exit here once left PostgreSQL running.
  if (stopping) return new Promise<never>(() => undefined);
  {
    stopping = true;
    if (reason) console.error(reason);
    console.error('stopping the demo (app, worker, PostgreSQL, simulator, SMTP catcher)…');
    const running = children.filter((child) => child.exitCode === null && !child.signalCode);
    for (const child of running) child.kill('SIGTERM');
    // The app and the worker get a moment to finish; PostgreSQL is stopped next, before anything
    // that could wait on open connections (the simulator's keep-alive sockets), so a second
    // signal or an impatient parent cannot leave it running.
    await Promise.race([
      Promise.all(running.map((child) => new Promise((done) => child.once('exit', done)))),
      new Promise((done) => setTimeout(done, 5_000)),
    ]);
    for (const child of running)
      if (child.exitCode === null && !child.signalCode) child.kill('SIGKILL');
    try {
      if (database) database.stop();
      else if (!existingUrl && !dbWasRunning) stopLocalPostgres({ name: PG_NAME });
    } catch (error) {
      console.error((error as Error).message);
    }
    catcher?.close();
    await Promise.race([
      sim?.close().catch(() => undefined),
      new Promise((done) => setTimeout(done, 1_000)),
    ]);
  }
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(130));
process.on('SIGTERM', () => void shutdown(143));
process.on('SIGHUP', () => void shutdown(129));
// npm killed outright (or a terminal closed): this process is re-parented; stop all the same.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void shutdown(1, 'the demo lost its parent process');
}, 500).unref();

/** A child whose end stops the whole demo (unless the demo is stopping anyway). */
function essential(child: ChildProcess, what: string): ChildProcess {
  children.push(child);
  child.on('exit', (code, signal) => {
    if (!stopping) void shutdown(code ?? 1, `${what} stopped (${signal ?? `exit ${code}`})`);
  });
  return child;
}
process.on('uncaughtException', (error) => void shutdown(1, `demo failed: ${error.stack}`));
process.on('unhandledRejection', (error) => void shutdown(1, `demo failed: ${String(error)}`));

function runCli(args: string[], childEnv: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...SYNC_NODE_FLAGS, 'dist/bin/cli.mjs', ...args], {
      stdio: 'inherit',
      env: childEnv,
    });
    children.push(child);
    child.on('error', (error) => {
      console.error(`could not run ${process.execPath}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      if (signal && !stopping) void shutdown(1, `the first sync was stopped (${signal})`);
      resolve(code ?? 1);
    });
  });
}

/** `next build`, only when the app's sources changed since the last one (hash beside .next). */
async function ensureBuild(): Promise<void> {
  const hash = sourceHash(ROOT);
  if (process.env.DEMO_REUSE_BUILD === '1' && existsSync(path.join(ROOT, '.next/BUILD_ID'))) {
    console.log('app build: .next as it is (DEMO_REUSE_BUILD=1)');
    return;
  }
  if (isBuildCurrent(ROOT, hash)) {
    console.log('app build: up to date (no source changed since the last build)');
    return;
  }
  console.log('building the app (next build; the sources changed since the last build)…');
  const log = openSync(path.join(ROOT, '.data/demo-build.log'), 'w');
  const build = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', log, log],
  });
  children.push(build);
  const code = await new Promise<number | null>((resolve) => build.on('exit', resolve));
  if (stopping) await new Promise<never>(() => undefined);
  if (code !== 0) {
    console.error(readFileSync(path.join(ROOT, '.data/demo-build.log'), 'utf8'));
    await shutdown(1, 'next build failed; see above');
  }
  writeFileSync(path.join(ROOT, BUILD_HASH_FILE), `${hash}\n`);
}

/**
 * PostgreSQL stopped by someone else (a SIGTERM to the postmaster: its postmaster.pid says
 * "stopping", or it is gone) stops the demo too.
 */
function watchPostgres(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  setInterval(() => {
    if (stopping) return;
    let status = 'gone';
    try {
      const lines = readFileSync(pidFile, 'utf8').split('\n');
      process.kill(Number(lines[0]), 0);
      status = lines[7]?.trim() ?? '';
    } catch {
      // no pid file, or no such process
    }
    if (status === 'gone' || status === 'stopping')
      void shutdown(1, `PostgreSQL is ${status === 'gone' ? 'gone' : 'shutting down'}`);
  }, 1_000).unref();
}

/** Resolves once the app answers /api/health; rejects when it exits first or after 60 s. */
async function waitUntilServing(app: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null || app.signalCode !== null) {
      throw new Error(
        `next start exited (${app.exitCode ?? app.signalCode}) before serving ${url}`,
      );
    }
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app did not answer ${url}/api/health within 60 s`);
}

mkdirSync(path.join(ROOT, '.data'), { recursive: true });
await ensureBuild();
// The app's port is chosen first: NEXTAUTH_URL must name it before the app starts.
const appPort = await findFreePort(PORTS.app);
database = await ensureLocalDatabase({
  name: PG_NAME,
  port: PORTS.db,
  existingUrl,
});
if (database.startedHere) {
  const probe = createDb(database.url);
  const [row] = await probe.$queryRaw<
    { dir: string }[]
  >`SELECT current_setting('data_directory') AS dir`;
  await probe.$disconnect();
  if (row) watchPostgres(row.dir);
}
// Tokens pasted under Settings → Location tokens are encrypted with this key; keep it across demo
// runs, like the demo database, so they still decrypt next time.
const KEY_FILE = '.data/demo-encryption-key';
if (!existsSync(KEY_FILE)) {
  mkdirSync('.data', { recursive: true });
  writeFileSync(KEY_FILE, randomBytes(32).toString('base64'), { mode: 0o600 });
}
const started = await startOnFreePort('simulator', PORTS.sim, (port) =>
  startSimulator({
    port,
    seed: 1,
    now: Math.floor(Date.now() / 3_600_000) * 3_600_000,
    latencyMs: { min: 5, max: 40 },
    locations: DEMO_LOCATION_NAMES.length,
    locationNames: DEMO_LOCATION_NAMES,
  }),
);
sim = started.server;
// A few sub-accounts the sync cannot read, as agencies have them: a token without a scope, a
// location the agency token may not open, and a location's own token that was revoked.
const demoLocation = (index: number) => sim!.world.locations[index]!;
sim.setFaults({
  missingScopes: UNREADABLE.missingScope.map(({ index, entity }) => ({
    locationId: demoLocation(index).id,
    entity,
  })),
  forbiddenLocations: [demoLocation(UNREADABLE.forbidden).id],
  revokedLocationTokens: [demoLocation(UNREADABLE.revokedToken).id],
});

/** A local SMTP catcher: every email the worker sends lands here and is named on the console. */
function startCatcher(port: number): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const to = session.envelope.rcptTo.map((a) => a.address).join(', ');
          console.log(`email caught: "${mail.subject ?? '(no subject)'}" → ${to}`);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
const smtp = await startOnFreePort('SMTP catcher', PORTS.smtp, startCatcher);
catcher = smtp.server;
const appUrl = `http://localhost:${appPort}`;
const childEnv = {
  ...process.env,
  DATABASE_URL: database.url,
  GHL_API_BASE_URL: sim.url,
  GHL_API_TOKEN: sim.agencyToken,
  GHL_COMPANY_ID: sim.companyId,
  APP_ENCRYPTION_KEY: readFileSync(KEY_FILE, 'utf8').trim(),
  NEXTAUTH_SECRET: randomBytes(32).toString('base64'),
  NEXTAUTH_URL: appUrl,
  NEXT_TELEMETRY_DISABLED: '1',
  SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
  MAIL_FROM: 'Agency Pulse Demo <reports@demo.agency-pulse.test>',
  // Incremental syncs every 2 minutes, so the changes below show up while you watch.
  SYNC_INCREMENTAL_EVERY_MINUTES: process.env.SYNC_INCREMENTAL_EVERY_MINUTES ?? '2',
};

const dbPort = Number(new URL(database.url).port);
const dbNote = database.startedHere && dbPort !== PORTS.db ? ` (port ${PORTS.db} is in use)` : '';
console.log(`database:  ${database.url}${dbNote}`);
console.log(
  `simulator: ${sim.url}, port ${describePort(started.port, PORTS.sim)} (${sim.world.locations.length} locations, company ${sim.companyId})`,
);
{
  const revoked = demoLocation(UNREADABLE.revokedToken);
  const tokenDb = createDb(database.url);
  await setLocationToken(
    tokenDb,
    revoked.id,
    sim.world.locationToken(revoked.id),
    requireEncryptionKey({ ...env(), APP_ENCRYPTION_KEY: childEnv.APP_ENCRYPTION_KEY }),
  );
  await tokenDb.$disconnect();
}
console.log(
  `unreadable on purpose (see /health): ${UNREADABLE.missingScope.map(({ index, entity }) => `${demoLocation(index).name} (no ${entity} scope)`).join(', ')}, ${demoLocation(UNREADABLE.forbidden).name} (no access), ${demoLocation(UNREADABLE.revokedToken).name} (revoked token)`,
);
console.log('first sync…');
const syncCode = await runCli(['sync', '--full'], childEnv);
// A failed first sync (on a busy machine a database transaction can time out) does not end the
// demo: the worker syncs again on its schedule, and /health says what is missing meanwhile.
if (syncCode === 1)
  console.error('the first sync failed (see above); the worker will sync again shortly');

// A fresh password every run (it also ends older demo sessions).
const demoDb = createDb(database.url);
const login = await ensureDemoAdmin(demoDb);
await ensureExampleSchedules(demoDb);
await demoDb.$disconnect();

const app = spawn(
  process.execPath,
  ['node_modules/next/dist/bin/next', 'start', '-p', String(appPort)],
  { stdio: 'inherit', env: childEnv },
);
children.push(app);
app.on('error', (error) => void shutdown(1, `could not start the app: ${error.message}`));
try {
  await waitUntilServing(app, `http://127.0.0.1:${appPort}`);
} catch (error) {
  await shutdown(1, `${(error as Error).message}; everything the demo started is stopped.`);
}
app.on('exit', (code, signal) => {
  if (!stopping) void shutdown(code ?? 1, `the app stopped (${signal ?? `exit ${code}`})`);
});
// The worker: incremental syncs, Sync now, and the email tick (the example schedules go out within
// a minute).
const worker = essential(
  spawn(process.execPath, [...SYNC_NODE_FLAGS, 'dist/bin/worker.mjs'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: childEnv,
  }),
  'the worker',
);
worker.on('error', (error) => void shutdown(1, `could not start the worker: ${error.message}`));

// Business keeps happening in the demo agency: every 30 s a few sub-accounts get new leads, deals
// move and payments arrive (stamped now), and the worker's incremental syncs bring them into the
// reports, so the numbers and "data as of" visibly stay fresh.
let businessTick = 0;
setInterval(() => {
  const locations = sim!.world.locations;
  businessTick += 1;
  for (let i = 0; i < 3; i += 1) {
    const location = locations[(businessTick * 7 + i * 13) % locations.length]!;
    try {
      sim!.world.mutate(location.id, {
        create: { contacts: 1 + ((businessTick + i) % 3), opportunities: 1, transactions: 1 },
        update: { opportunities: 1 },
        at: Date.now(),
      });
    } catch {
      // A location with nothing left to update this time: the next tick picks others.
    }
  }
}, 30_000).unref();

console.log(`
Agency Pulse demo is running
  dashboard:  ${appUrl}${appPort === PORTS.app ? '' : `  (port ${PORTS.app} is in use)`}
  sign in:    ${login.email} / ${login.password}
  emails:     ${appUrl}/settings/schedules/deliveries (the delivery log: open one to see it
              exactly); the SMTP catcher on 127.0.0.1:${describePort(smtp.port, PORTS.smtp)} names each here
  export:     DATABASE_URL=${database.url} npm run -s cli -- export locations --from <YYYY-MM-DD> --to <YYYY-MM-DD> > out.csv
  pids:       demo ${process.pid}, app ${app.pid}, worker ${worker.pid}
Press Ctrl-C to stop (the demo database stays for next time).`);

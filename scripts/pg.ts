import { localPostgresUrl, startLocalPostgres, stopLocalPostgres } from './lib/local-postgres';

// `tsx scripts/pg.ts start|stop|url [name] [port]`: this checkout's local PostgreSQL servers, used
// when DATABASE_URL is unset. `start` takes the port when free (default: dev 54329, test 54330,
// others any; 0 = any), else the next free one, and prints the URL on stdout (the rest on
// stderr). `stop --remove` also deletes the server's data.
const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const remove = process.argv.includes('--remove');
const [command = 'start', name = 'dev', portArg] = args;
const DEFAULT_PORTS: Record<string, number> = { dev: 54329, test: 54330 };

if (command === 'start') {
  const port = portArg === undefined ? (DEFAULT_PORTS[name] ?? 0) : Number(portArg);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`not a port: ${portArg}`);
    process.exit(1);
  }
  const server = await startLocalPostgres({ name, port, fast: name !== 'dev' });
  console.error(
    server.started
      ? `PostgreSQL (${name}) started on port ${server.port}${port && port !== server.port ? ` (${port} is in use)` : ''}`
      : `PostgreSQL (${name}) already running on port ${server.port}`,
  );
  console.log(server.url);
} else if (command === 'stop') {
  stopLocalPostgres({ name, remove });
  console.error(`PostgreSQL (${name}) stopped${remove ? ' and its data removed' : ''}`);
} else if (command === 'url') {
  const url = localPostgresUrl(name);
  if (url) console.log(url);
  else {
    console.error(`PostgreSQL (${name}) is not running`);
    process.exitCode = 1;
  }
} else {
  console.error('usage: tsx scripts/pg.ts start|stop|url [name] [port] [--remove]');
  process.exitCode = 1;
}

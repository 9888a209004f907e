import { startLocalPostgres, stopLocalPostgres } from './lib/local-postgres';

// `tsx scripts/pg.ts start|stop [name] [port]`: the local PostgreSQL used when DATABASE_URL is unset.
const [command = 'start', name = 'dev', port = '54329'] = process.argv.slice(2);
if (command === 'start') {
  const { url, started } = await startLocalPostgres({
    name,
    port: Number(port),
    fast: name !== 'dev',
  });
  console.log(
    started
      ? `PostgreSQL (${name}) started: ${url}`
      : `PostgreSQL (${name}) already running: ${url}`,
  );
} else if (command === 'stop') {
  stopLocalPostgres({ name });
  console.log(`PostgreSQL (${name}) stopped`);
} else {
  console.error('usage: tsx scripts/pg.ts start|stop [name] [port]');
  process.exitCode = 1;
}

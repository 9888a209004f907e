import { spawn } from 'node:child_process';
import { env } from '@/lib/env';
import { describePort, findFreePort } from './lib/free-port';
import { ensureLocalDatabase } from './lib/local-database';

// `npm run dev`: next dev with the local PostgreSQL (unless DATABASE_URL is set), on port 3000
// (PostgreSQL 54329) or, when taken, the next free one; prints the real URL.
const APP_PORT = 3000;
const port = await findFreePort(APP_PORT);
const database = await ensureLocalDatabase({
  name: 'dev',
  port: 54329,
  existingUrl: env().DATABASE_URL,
});
console.log(
  `database: ${database.url}${database.startedHere ? ' (started; stopped on exit)' : ''}`,
);
console.log(`app:      http://localhost:${port}  (port ${describePort(port, APP_PORT)})`);
const child = spawn(
  process.execPath,
  ['node_modules/next/dist/bin/next', 'dev', '-p', String(port)],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      // Sign-in redirects follow NEXTAUTH_URL (default http://localhost:3000): name the real port.
      ...(port !== APP_PORT && !process.env.NEXTAUTH_URL
        ? { NEXTAUTH_URL: `http://localhost:${port}` }
        : {}),
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
);
const shutdown = () => child.kill('SIGTERM');
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
child.on('error', (error) => {
  console.error(`could not start next dev: ${error.message}`);
  database.stop();
  process.exit(1);
});
child.on('exit', (code) => {
  database.stop();
  process.exit(code ?? 0);
});

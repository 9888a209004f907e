import { spawn } from 'node:child_process';
import { env } from '@/lib/env';
import { ensureLocalDatabase } from './lib/local-database';

// `npm run dev`: next dev on http://localhost:3000 with the local PostgreSQL (unless DATABASE_URL is set).
const database = await ensureLocalDatabase({
  name: 'dev',
  port: 54329,
  existingUrl: env().DATABASE_URL,
});
console.log(
  `database: ${database.url}${database.startedHere ? ' (started; stopped on exit)' : ''}`,
);
const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'dev', '-p', '3000'], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: database.url, NEXT_TELEMETRY_DISABLED: '1' },
});
const shutdown = () => child.kill('SIGTERM');
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
child.on('exit', (code) => {
  database.stop();
  process.exit(code ?? 0);
});

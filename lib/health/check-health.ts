import 'server-only';
import { db } from '@/lib/db/client';

export type Health = { ok: boolean; database: 'ok' | 'unreachable' | 'not_configured' };

/** Whether the app can reach its database; says nothing about the agency's data. */
export async function checkHealth(): Promise<Health> {
  let client;
  try {
    client = db();
  } catch {
    return { ok: false, database: 'not_configured' };
  }
  try {
    await client.$queryRaw`SELECT 1`;
    return { ok: true, database: 'ok' };
  } catch {
    return { ok: false, database: 'unreachable' };
  }
}

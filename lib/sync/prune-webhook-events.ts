import 'server-only';
import type { Db } from '@/lib/db/client';

/**
 * Forgets accepted webhook ids older than `keepMs` (a day by default, far beyond the replay
 * window: a redelivery that old is refused by its timestamp before its id is looked at).
 * Returns how many rows went.
 */
export async function pruneWebhookEvents(db: Db, now: Date, keepMs = 86_400_000): Promise<number> {
  return db.$executeRaw`DELETE FROM webhook_events WHERE received_at < ${new Date(now.getTime() - keepMs)}`;
}

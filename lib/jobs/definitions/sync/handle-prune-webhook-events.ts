import { pruneWebhookEvents } from '@/lib/sync/prune-webhook-events';
import type { JobContext } from '../../types';

/** Deletes webhook ids older than a day; returns how many. */
export async function handlePruneWebhookEvents(
  _payload: { trigger: 'schedule' },
  job: JobContext,
): Promise<{ deleted: number }> {
  const ctx = job.services.sync;
  return { deleted: await pruneWebhookEvents(ctx.db, ctx.now()) };
}

import 'server-only';
import { env } from '@/lib/env';

/**
 * After how many minutes without a complete sync a location is stale: twice the incremental sync
 * interval, the same rule as the sync health page.
 */
export function staleAfterMinutes(): number {
  return env().SYNC_INCREMENTAL_EVERY_MINUTES * 2;
}

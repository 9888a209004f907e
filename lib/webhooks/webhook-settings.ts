import 'server-only';
import { env, type Env } from '@/lib/env';
import { GHL_WEBHOOK_PUBLIC_KEY } from './ghl-public-key';

/**
 * The verification key (GHL_WEBHOOK_PUBLIC_KEY, else GHL's published key), the replay window, and
 * how long a hint's re-read waits for more events about the same record (GHL_WEBHOOK_COALESCE_SECONDS).
 */
export function webhookSettings(source: Env = env()): {
  publicKey: string;
  replayWindowMs: number;
  coalesceSeconds: number;
} {
  return {
    publicKey: source.GHL_WEBHOOK_PUBLIC_KEY ?? GHL_WEBHOOK_PUBLIC_KEY,
    replayWindowMs: source.GHL_WEBHOOK_REPLAY_WINDOW_SECONDS * 1000,
    coalesceSeconds: source.GHL_WEBHOOK_COALESCE_SECONDS,
  };
}

import 'server-only';
import { env, type Env } from '@/lib/env';
import { GHL_WEBHOOK_PUBLIC_KEY } from './ghl-public-key';

/** The verification key (GHL_WEBHOOK_PUBLIC_KEY, else GHL's published key) and the replay window. */
export function webhookSettings(source: Env = env()): {
  publicKey: string;
  replayWindowMs: number;
} {
  return {
    publicKey: source.GHL_WEBHOOK_PUBLIC_KEY ?? GHL_WEBHOOK_PUBLIC_KEY,
    replayWindowMs: source.GHL_WEBHOOK_REPLAY_WINDOW_SECONDS * 1000,
  };
}

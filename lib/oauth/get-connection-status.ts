import 'server-only';
import type { Db } from '@/lib/db/client';
import { CONNECTION_ID } from './connection-store';

/** The agency connection as pages, the CLI and the banner show it (never a token). */
export type OAuthConnectionStatus =
  | { state: 'not_connected' }
  | {
      state: 'connected' | 'needs_reconnect';
      companyId: string;
      connectedAt: string;
      connectedBy: string | null;
      refreshedAt: string | null;
      accessExpiresAt: string;
      /** Why it needs reconnecting (GHL's words, redacted); null while connected. */
      message: string | null;
      /** Fingerprint of the current refresh token (changes on every rotation). */
      refreshFingerprint: string;
    };

/** Reads the connection row (one primary-key lookup, no decryption). */
export async function getOAuthConnectionStatus(db: Db): Promise<OAuthConnectionStatus> {
  const row = await db.oAuthConnection.findUnique({ where: { id: CONNECTION_ID } });
  if (!row) return { state: 'not_connected' };
  return {
    state: row.status === 'connected' ? 'connected' : 'needs_reconnect',
    companyId: row.companyId,
    connectedAt: row.connectedAt.toISOString(),
    connectedBy: row.connectedBy,
    refreshedAt: row.refreshedAt?.toISOString() ?? null,
    accessExpiresAt: row.accessExpiresAt.toISOString(),
    message: row.status === 'connected' ? null : row.statusMessage,
    refreshFingerprint: row.refreshFingerprint,
  };
}

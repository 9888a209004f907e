import 'server-only';
import type { Prisma } from '@/lib/db/generated/client';
import { decryptSecret, encryptSecret } from '@/lib/crypto/encrypt';
import type { AgencyTokens } from '@/lib/ghl/oauth/oauth-schemas';
import { tokenFingerprint } from '@/lib/redact';

/**
 * The stored agency connection (`oauth_connections`, one row): tokens AES-256-GCM encrypted with
 * APP_ENCRYPTION_KEY, each bound to its purpose as additional data, so an access ciphertext
 * copied into the refresh column fails to decrypt. Plaintext leaves only towards GHL.
 */
export const CONNECTION_ID = 'agency';

/** `oauth_connections.status` values. */
export const CONNECTION_STATUSES = ['connected', 'needs_reconnect'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** The additional data each agency token is encrypted with (its purpose). */
export const ACCESS_CONTEXT = 'oauth:agency:access';
export const REFRESH_CONTEXT = 'oauth:agency:refresh';

type ConnectionWriter = Pick<Prisma.TransactionClient, 'oAuthConnection'>;

/** The decrypted connection, for the token source only. */
export type StoredConnection = {
  companyId: string;
  status: ConnectionStatus;
  statusMessage: string | null;
  accessToken: string;
  accessFingerprint: string;
  accessExpiresAt: Date;
  refreshToken: string;
  /** When the current access token was obtained (for the early-refresh margin). */
  accessObtainedAt: Date;
};

/** Reads and decrypts the connection; null when none is stored. */
export async function readConnection(
  db: ConnectionWriter,
  key: Buffer,
): Promise<StoredConnection | null> {
  const row = await db.oAuthConnection.findUnique({ where: { id: CONNECTION_ID } });
  if (!row) return null;
  return {
    companyId: row.companyId,
    status: row.status === 'connected' ? 'connected' : 'needs_reconnect',
    statusMessage: row.statusMessage,
    accessToken: decryptSecret(row.accessCiphertext, key, ACCESS_CONTEXT),
    accessFingerprint: row.accessFingerprint,
    accessExpiresAt: row.accessExpiresAt,
    refreshToken: decryptSecret(row.refreshCiphertext, key, REFRESH_CONTEXT),
    accessObtainedAt: row.refreshedAt ?? row.connectedAt,
  };
}

/** The columns that hold a token pair (encrypted) and their fingerprints. */
export function tokenColumns(tokens: AgencyTokens, key: Buffer) {
  return {
    accessCiphertext: encryptSecret(tokens.accessToken, key, ACCESS_CONTEXT),
    accessFingerprint: tokenFingerprint(tokens.accessToken),
    accessExpiresAt: tokens.expiresAt,
    refreshCiphertext: encryptSecret(tokens.refreshToken, key, REFRESH_CONTEXT),
    refreshFingerprint: tokenFingerprint(tokens.refreshToken),
  };
}

/** Marks the connection "needs reconnect" with the reason (already redacted by lib/ghl/oauth). */
export async function markNeedsReconnect(db: ConnectionWriter, reason: string): Promise<void> {
  await db.oAuthConnection.updateMany({
    where: { id: CONNECTION_ID },
    data: { status: 'needs_reconnect', statusMessage: reason.slice(0, 1000) },
  });
}

import 'server-only';
import type { Db } from '@/lib/db/client';
import type { OAuthClientSettings } from '@/lib/ghl/oauth/oauth-client-settings';
import { OAuthReconnectNeededError, OAuthRefusedError } from '@/lib/ghl/oauth/oauth-errors';
import type { OAuthDeps } from '@/lib/ghl/oauth/oauth-request';
import { refreshAccessToken } from '@/lib/ghl/oauth/refresh-access-token';
import {
  CONNECTION_ID,
  markNeedsReconnect,
  readConnection,
  tokenColumns,
} from './connection-store';
import { isFresh } from './token-freshness';

/** The agency access token to use, and when it was obtained and expires. */
export type AgencyAccess = {
  accessToken: string;
  fingerprint: string;
  obtainedAt: Date;
  expiresAt: Date;
};

export type RefreshAgencyTokenOptions = {
  settings: OAuthClientSettings;
  key: Buffer;
  ghl: OAuthDeps;
  /**
   * The access token the caller saw (its fingerprint): a different stored one means another
   * process refreshed meanwhile, and that one is used. Null: refresh only when stale.
   */
  usedFingerprint: string | null;
  now?: () => Date;
};

/**
 * Refreshes the agency access token in a single flight across every process: a transaction holds
 * a PostgreSQL advisory lock while it re-reads the row, calls `POST /oauth/token` (refresh), and
 * stores the rotated refresh token with the new access token; the lock is released at commit, so
 * the new access token is handed out only after the new refresh token is stored. Waiters then
 * find the new row and use it without a second refresh (a second use of the old refresh token
 * would be refused by GHL). A refused refresh marks the connection "needs reconnect" and throws
 * OAuthReconnectNeededError; cached data is untouched.
 */
export async function refreshAgencyToken(
  db: Db,
  options: RefreshAgencyTokenOptions,
): Promise<AgencyAccess> {
  const now = options.now ?? (() => new Date());
  const outcome = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('agency-pulse:oauth-refresh', 0))`;
      const stored = await readConnection(tx, options.key);
      if (!stored) return { kind: 'reconnect' as const, reason: 'no connection is stored.' };
      if (stored.status === 'needs_reconnect')
        return {
          kind: 'reconnect' as const,
          reason: stored.statusMessage ?? 'GHL refused an earlier refresh.',
        };
      const access: AgencyAccess = {
        accessToken: stored.accessToken,
        fingerprint: stored.accessFingerprint,
        obtainedAt: stored.accessObtainedAt,
        expiresAt: stored.accessExpiresAt,
      };
      const isSomeoneElses =
        options.usedFingerprint !== null && options.usedFingerprint !== stored.accessFingerprint;
      if ((isSomeoneElses || options.usedFingerprint === null) && isFresh(access, now()))
        return { kind: 'ok' as const, access };
      try {
        const at = now();
        const tokens = await refreshAccessToken(
          options.ghl,
          options.settings,
          stored.refreshToken,
          at,
        );
        // The rotated refresh token is stored (committed with the lock) before anyone uses the
        // new access token.
        const columns = tokenColumns(tokens, options.key);
        await tx.oAuthConnection.update({
          where: { id: CONNECTION_ID },
          data: { ...columns, refreshedAt: at, scope: tokens.scope },
        });
        return {
          kind: 'ok' as const,
          access: {
            accessToken: tokens.accessToken,
            fingerprint: columns.accessFingerprint,
            obtainedAt: at,
            expiresAt: tokens.expiresAt,
          },
        };
      } catch (error) {
        if (!(error instanceof OAuthRefusedError)) throw error;
        const reason = `GHL refused the refresh token (${error.ghlMessage ?? `HTTP ${error.status}`}${error.traceId ? `, traceId ${error.traceId}` : ''}) — it was already used elsewhere, revoked, or the app was uninstalled.`;
        await markNeedsReconnect(tx, reason);
        return { kind: 'reconnect' as const, reason };
      }
    },
    { maxWait: 60_000, timeout: 90_000 },
  );
  if (outcome.kind === 'reconnect') throw new OAuthReconnectNeededError(outcome.reason);
  return outcome.access;
}

import 'server-only';

import type { AuditActor } from '@/lib/audit/audit-actions';
import { writeAuditEntry } from '@/lib/audit/write-audit-entry';
import type { Db } from '@/lib/db/client';
import { CONNECTION_ID } from './connection-store';

/** What a disconnect removed (fingerprints only, never a token). */
export type DisconnectResult = {
  /** False when no connection was stored (nothing is removed or audited then). */
  wasConnected: boolean;
  /** Cached OAuth location tokens deleted with it. */
  locationTokens: number;
};

/**
 * Forgets the agency's Marketplace connection: the stored agency tokens and every cached OAuth
 * location token are deleted, and the locations' "app installed" marks cleared, in one
 * transaction with the audit entry. Cached report data stays. Locations then fall back per the
 * credential order (own PIT, else the agency PIT); with neither, syncs stop saying GoHighLevel is
 * not connected. Other processes notice within the token source's state cache (10 s). The app
 * stays installed at GHL: uninstall it there to revoke its grant as well.
 */
export async function disconnectGhl(db: Db, actor: AuditActor): Promise<DisconnectResult> {
  return db.$transaction(async (tx) => {
    const before = await tx.oAuthConnection.findUnique({ where: { id: CONNECTION_ID } });
    if (!before) return { wasConnected: false, locationTokens: 0 };
    await tx.oAuthConnection.delete({ where: { id: CONNECTION_ID } });
    const tokens = await tx.oAuthLocationToken.deleteMany({});
    await tx.location.updateMany({
      where: { appInstalled: { not: null } },
      data: { appInstalled: null },
    });
    await writeAuditEntry(tx, {
      actor,
      action: 'oauth.disconnect',
      target: { type: 'connection', id: before.companyId, label: 'GoHighLevel Marketplace app' },
      before: {
        status: before.status,
        refreshFingerprint: before.refreshFingerprint,
        connectedBy: before.connectedBy,
      },
      after: { status: 'not_connected', locationTokensDeleted: tokens.count },
    });
    return { wasConnected: true, locationTokens: tokens.count };
  });
}

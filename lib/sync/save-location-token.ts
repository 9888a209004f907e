import 'server-only';

import type { AuditActor } from '@/lib/audit/audit-actions';
import { writeAuditEntry } from '@/lib/audit/write-audit-entry';
import type { Db } from '@/lib/db/client';
import { setLocationToken } from './location-tokens';

/**
 * Stores (or replaces) a location's Private Integration Token, encrypted, with its audit entry in
 * the same transaction: the fingerprints before and after and the scopes the live check found
 * missing (the admin confirmed those). The token itself goes nowhere else. Returns the new
 * fingerprint.
 */
export async function saveLocationToken(
  db: Db,
  actor: AuditActor,
  input: {
    locationId: string;
    locationName: string | null;
    token: string;
    key: Buffer;
    /** The scopes the live check found missing; null when nothing checked (`cli location-token set`). */
    missingScopes: readonly string[] | null;
  },
): Promise<{ fingerprint: string; previousFingerprint: string | null }> {
  return db.$transaction(async (tx) => {
    const previous = await tx.locationToken.findUnique({
      where: { locationId: input.locationId },
      select: { fingerprint: true },
    });
    const fingerprint = await setLocationToken(tx, input.locationId, input.token, input.key);
    await writeAuditEntry(tx, {
      actor,
      action: 'token.set',
      target: { type: 'location', id: input.locationId, label: input.locationName },
      before: previous ? { fingerprint: previous.fingerprint } : null,
      after: {
        fingerprint,
        missingScopes: input.missingScopes === null ? null : [...input.missingScopes],
      },
    });
    return { fingerprint, previousFingerprint: previous?.fingerprint ?? null };
  });
}

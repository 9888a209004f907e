import 'server-only';

import type { AuditActor } from '@/lib/audit/audit-actions';
import { writeAuditEntry } from '@/lib/audit/write-audit-entry';
import type { Db } from '@/lib/db/client';

/**
 * Removes a location's own token (the location falls back to the agency token), audited by
 * fingerprint in the same transaction. Returns the removed fingerprint, or null when none was
 * stored (nothing is audited then).
 */
export async function deleteLocationToken(
  db: Db,
  actor: AuditActor,
  locationId: string,
): Promise<string | null> {
  return db.$transaction(async (tx) => {
    const removed = await tx.$queryRaw<{ fingerprint: string }[]>`
      DELETE FROM location_tokens WHERE location_id = ${locationId} RETURNING fingerprint`;
    const fingerprint = removed[0]?.fingerprint ?? null;
    if (fingerprint === null) return null;
    const location = await tx.location.findUnique({
      where: { id: locationId },
      select: { name: true },
    });
    await writeAuditEntry(tx, {
      actor,
      action: 'token.remove',
      target: { type: 'location', id: locationId, label: location?.name ?? null },
      before: { fingerprint },
      after: { tokenKind: 'agency' },
    });
    return fingerprint;
  });
}

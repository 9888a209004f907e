import 'server-only';

import type { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors';

/**
 * Refuses (AppError `invalid_input` on `locationIds`) a grant of a location the sync has never
 * discovered, or one that left the agency, so a typo cannot become an invisible grant.
 */
export async function assertKnownLocations(
  tx: Prisma.TransactionClient,
  locationIds: readonly string[],
): Promise<void> {
  if (locationIds.length === 0) return;
  const known = await tx.location.findMany({
    where: { id: { in: [...locationIds] }, archivedAt: null },
    select: { id: true },
  });
  const found = new Set(known.map((location) => location.id));
  const missing = locationIds.filter((id) => !found.has(id));
  if (missing.length > 0)
    throw new AppError('invalid_input', 'Some locations are unknown or archived.', {
      fields: { locationIds: `unknown or archived: ${missing.slice(0, 5).join(', ')}` },
    });
}

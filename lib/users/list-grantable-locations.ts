import 'server-only';

import type { Db } from '@/lib/db/client';

/** A location a staff member can be given: active (not archived), by name. */
export type GrantableLocation = { id: string; name: string };

/** Every active location, by name then id: the choices of the admin screen's location picker. */
export async function listGrantableLocations(db: Db): Promise<GrantableLocation[]> {
  return db.location.findMany({
    where: { archivedAt: null },
    select: { id: true, name: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
}

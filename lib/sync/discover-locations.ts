import type { GhlLocation } from '@/lib/ghl/client';
import { AgencyTokenRevokedError, isAgencyTokenRejection } from './access';
import type { SyncContext } from './context';
import { dedupeById } from './transform';

export type DiscoveredLocation = { id: string; name: string; timezone: string };

export type DiscoveryResult = {
  /** Every location GHL lists now (the ones to sync). */
  locations: DiscoveredLocation[];
  /** Locations that vanished from the agency since the last discovery (archived, never deleted). */
  archived: string[];
  /** Archived locations that reappeared (archive cleared). */
  restored: string[];
};

async function withTimezone(ctx: SyncContext, location: GhlLocation, signal?: AbortSignal): Promise<DiscoveredLocation> {
  // The search result usually carries the timezone; only when it does not is the record fetched.
  const timezone = location.timezone?.trim() ? location.timezone : (await ctx.ghl.getLocation(location.id, { signal })).timezone;
  return { id: location.id, name: location.name, timezone };
}

/**
 * Lists the agency's sub-accounts with the agency token and upserts them into `locations`. A
 * location GHL no longer lists gets `archivedAt` (its cached data stays); one that reappears has
 * it cleared. Archiving happens only after the listing finished, so a failed read archives
 * nothing. A rejected agency token throws AgencyTokenRevokedError.
 */
export async function discoverLocations(ctx: SyncContext, options: { signal?: AbortSignal } = {}): Promise<DiscoveryResult> {
  const companyId = ctx.credentials.companyId;
  const startedAt = ctx.now();
  const locations = new Map<string, DiscoveredLocation>();
  const restored: string[] = [];
  try {
    for await (const page of ctx.ghl.searchLocations({ signal: options.signal })) {
      const found: DiscoveredLocation[] = [];
      for (const item of page.items) found.push(await withTimezone(ctx, item, options.signal));
      const rows = dedupeById(found);
      if (rows.length === 0) continue;
      const back = await ctx.db.$queryRaw<Array<{ id: string }>>`
        WITH input AS (
          SELECT * FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.name)}::text[],
            ${rows.map((r) => r.timezone)}::text[]) AS u(id, name, timezone)
        ), was_archived AS (
          SELECT l.id FROM locations l WHERE l.id IN (SELECT id FROM input) AND l.archived_at IS NOT NULL
        ), up AS (
          INSERT INTO locations (id, company_id, name, timezone, first_seen_at, last_seen_at, archived_at)
          SELECT id, ${companyId}, name, timezone, ${startedAt}, ${startedAt}, NULL FROM input
          ON CONFLICT (id) DO UPDATE SET
            company_id = EXCLUDED.company_id, name = EXCLUDED.name, timezone = EXCLUDED.timezone,
            last_seen_at = EXCLUDED.last_seen_at, archived_at = NULL
          RETURNING id
        )
        SELECT up.id FROM up JOIN was_archived USING (id)`;
      restored.push(...back.map((r) => r.id));
      for (const row of rows) locations.set(row.id, row);
    }
  } catch (error) {
    if (isAgencyTokenRejection(error)) throw new AgencyTokenRevokedError(error);
    throw error;
  }
  const archived = await ctx.db.$queryRaw<Array<{ id: string }>>`
    UPDATE locations SET archived_at = ${startedAt}
    WHERE company_id = ${companyId} AND archived_at IS NULL AND last_seen_at < ${startedAt}
    RETURNING id`;
  return { locations: [...locations.values()], archived: archived.map((r) => r.id), restored };
}

import type { GhlLocation } from '@/lib/ghl/client';
import { OAuthReconnectNeededError, OAuthUnavailableError } from '@/lib/ghl/oauth/oauth-errors';
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

async function withTimezone(
  ctx: SyncContext,
  location: GhlLocation,
  signal?: AbortSignal,
): Promise<DiscoveredLocation> {
  // The search result usually carries the timezone; only when it does not is the record fetched.
  const timezone =
    location.timezone?.trim() ||
    (await ctx.ghl.getLocation(location.id, { signal })).timezone?.trim();
  if (!timezone) {
    // Report days are that location's calendar days: guessing a zone would silently shift them.
    throw new Error(
      `GHL returned no timezone for location ${location.id} (${JSON.stringify(location.name)}), neither in /locations/search nor in GET /locations/${location.id}.`,
    );
  }
  return { id: location.id, name: location.name, timezone };
}

/**
 * Where the Marketplace app is installed (`GET /oauth/installedLocations`), or null when there is
 * nothing to ask (no GHL_OAUTH_*, no connection stored) or the answer is not to be had now (GHL
 * down; a connection that needs reconnecting while an agency PIT still lists the locations).
 */
async function installedLocationIds(ctx: SyncContext): Promise<Set<string> | null | 'unknown'> {
  if (!ctx.oauth) return null;
  try {
    return await ctx.oauth.installedLocationIds();
  } catch (error) {
    if (error instanceof OAuthUnavailableError) {
      ctx.events.log?.(`Could not read where the app is installed: ${error.message}`);
      return 'unknown';
    }
    if (error instanceof OAuthReconnectNeededError && ctx.credentials.agencyToken) return 'unknown';
    if (error instanceof OAuthReconnectNeededError) throw new AgencyTokenRevokedError(error);
    throw error;
  }
}

/**
 * Lists the agency's sub-accounts with the agency token and upserts them into `locations`. A
 * location GHL no longer lists gets `archivedAt` (its cached data stays); one that reappears has
 * it cleared; one whose timezone changed has its daily rollups recomputed in the new zone.
 * Archiving happens only after the listing finished, so a failed read archives nothing. A rejected agency token throws AgencyTokenRevokedError.
 *
 * The agency token is the agency PIT, or without one the Marketplace connection's agency
 * (Company) access token. With a connection, `GET /oauth/installedLocations` decides where the
 * app is installed (`locations.app_installed`): a location without it gets no OAuth token minted
 * and shows `app_not_installed` with its fix, unless its own PIT or the agency PIT reads it.
 */
export async function discoverLocations(
  ctx: SyncContext,
  options: { signal?: AbortSignal } = {},
): Promise<DiscoveryResult> {
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
      const back = await ctx.db.$queryRaw<
        Array<{ id: string; was_archived: boolean; timezone_changed: boolean }>
      >`
        WITH input AS (
          SELECT * FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.name)}::text[],
            ${rows.map((r) => r.timezone)}::text[]) AS u(id, name, timezone)
        ), before AS (
          SELECT l.id, l.archived_at IS NOT NULL AS was_archived, l.timezone <> i.timezone AS timezone_changed
          FROM locations l JOIN input i USING (id)
        ), up AS (
          INSERT INTO locations (id, company_id, name, timezone, first_seen_at, last_seen_at, archived_at)
          SELECT id, ${companyId}, name, timezone, ${startedAt}, ${startedAt}, NULL FROM input
          ON CONFLICT (id) DO UPDATE SET
            company_id = EXCLUDED.company_id, name = EXCLUDED.name, timezone = EXCLUDED.timezone,
            last_seen_at = EXCLUDED.last_seen_at, archived_at = NULL
          RETURNING id
        )
        SELECT up.id, before.was_archived, before.timezone_changed FROM up JOIN before USING (id)
        WHERE before.was_archived OR before.timezone_changed`;
      restored.push(...back.filter((r) => r.was_archived).map((r) => r.id));
      // Rollups are keyed by local day: a new zone re-buckets the location's whole history.
      for (const row of back.filter((r) => r.timezone_changed))
        await ctx.recompute(ctx.db, row.id, 'all');
      for (const row of rows) locations.set(row.id, row);
    }
  } catch (error) {
    if (isAgencyTokenRejection(error)) throw new AgencyTokenRevokedError(error);
    if (error instanceof OAuthReconnectNeededError) throw new AgencyTokenRevokedError(error);
    throw error;
  }
  const installed = await installedLocationIds(ctx);
  if (installed !== 'unknown') {
    const ids = [...locations.keys()];
    const installedIds = installed ? [...installed] : [];
    await ctx.db.$executeRaw`
      UPDATE locations
      SET app_installed = CASE WHEN ${installed === null} THEN NULL ELSE id = ANY(${installedIds}::text[]) END
      WHERE id = ANY(${ids}::text[])
        AND app_installed IS DISTINCT FROM
          (CASE WHEN ${installed === null} THEN NULL ELSE id = ANY(${installedIds}::text[]) END)`;
  }
  const archived = await ctx.db.$queryRaw<Array<{ id: string }>>`
    UPDATE locations SET archived_at = ${startedAt}
    WHERE company_id = ${companyId} AND archived_at IS NULL AND last_seen_at < ${startedAt}
    RETURNING id`;
  return { locations: [...locations.values()], archived: archived.map((r) => r.id), restored };
}

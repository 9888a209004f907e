import 'server-only';
import type { Db } from '@/lib/db/client';
import { mintLocationToken } from '@/lib/ghl/oauth/mint-location-token';
import type { OAuthClientSettings } from '@/lib/ghl/oauth/oauth-client-settings';
import { appIdOf, listInstalledLocations } from '@/lib/ghl/oauth/list-installed-locations';
import {
  OAuthAppNotInstalledError,
  OAuthNotConnectedError,
  OAuthReconnectNeededError,
  OAuthRefusedError,
} from '@/lib/ghl/oauth/oauth-errors';
import type { OAuthDeps } from '@/lib/ghl/oauth/oauth-request';
import { tokenFingerprint } from '@/lib/redact';
import { CONNECTION_ID, markNeedsReconnect } from './connection-store';
import {
  dropCachedLocationToken,
  readCachedLocationToken,
  writeCachedLocationToken,
} from './location-token-cache';
import { refreshAgencyToken, type AgencyAccess } from './refresh-agency-token';
import { isFresh } from './token-freshness';

/** Where the sync gets OAuth tokens; one per process (it caches in memory too). */
export type OAuthTokenSource = {
  /**
   * A location access token, or null when no agency connection is stored (the agency PIT is
   * used then). Throws OAuthReconnectNeededError when the connection needs reconnecting,
   * OAuthLocationInactiveError for an inactive sub-account, other OAuth errors as they come.
   */
  locationToken(locationId: string): Promise<string | null>;
  /** After GHL rejected `rejected` (401): forget it and mint a new one. */
  renewLocationToken(locationId: string, rejected: string): Promise<string>;
  /**
   * The agency (Company) access token, refreshed when stale; null when no connection is stored.
   * Discovery uses it for `/locations/*` when there is no agency PIT.
   */
  agencyAccessToken(): Promise<string | null>;
  /** After GHL rejected the agency access token `rejected` (401): refresh (single flight). */
  renewAgencyAccessToken(rejected: string): Promise<string>;
  /**
   * The ids of the locations the app is installed on (`GET /oauth/installedLocations`), or null
   * when no connection is stored.
   */
  installedLocationIds(): Promise<Set<string> | null>;
};

export type OAuthTokenSourceOptions = {
  settings: OAuthClientSettings;
  /** APP_ENCRYPTION_KEY. */
  key: Buffer;
  ghl: OAuthDeps;
  /** The agency's company id (GHL_COMPANY_ID). */
  companyId: string;
  now?: () => Date;
  /**
   * How long the stored connection's state (absent, connected, needs reconnect) is believed before
   * the database is asked again: a disconnect in another process is seen within this time.
   */
  absentForMs?: number;
};

type Cached = { token: string; obtainedAt: Date; expiresAt: Date };

/**
 * The OAuth side of the credential order (own PIT → OAuth location token → agency PIT): location
 * tokens minted on demand with the agency token (`POST /oauth/locationToken`), kept in memory and
 * encrypted in `oauth_location_tokens` until shortly before they expire; the agency token
 * refreshed before it expires, or when GHL rejects it, in a single flight (refreshAgencyToken).
 * One mint per location at a time in this process.
 */
export function createOAuthTokenSource(db: Db, options: OAuthTokenSourceOptions): OAuthTokenSource {
  const now = options.now ?? (() => new Date());
  const memory = new Map<string, Cached>();
  const minting = new Map<string, Promise<Cached>>();
  let agency: AgencyAccess | null = null;
  let refreshing: Promise<AgencyAccess> | null = null;
  let known: { state: 'absent' | 'connected'; until: number } | null = null;
  let connectedAt: number | null = null;

  /** Forgets every token held in memory (the connection is gone or was replaced). */
  function forgetAll() {
    memory.clear();
    agency = null;
  }

  async function connectionState(): Promise<'absent' | 'connected'> {
    if (known && Date.now() < known.until) return known.state;
    const row = await db.oAuthConnection.findUnique({
      where: { id: CONNECTION_ID },
      select: { status: true, statusMessage: true, connectedAt: true },
    });
    const until = Date.now() + (options.absentForMs ?? 10_000);
    if (!row) {
      forgetAll();
      known = { state: 'absent', until };
      return 'absent';
    }
    if (row.status !== 'connected') {
      known = null;
      throw new OAuthReconnectNeededError(row.statusMessage ?? 'GHL refused an earlier refresh.');
    }
    // A new grant (reconnect): the tokens of the earlier one are of no use.
    if (connectedAt !== null && connectedAt !== row.connectedAt.getTime()) forgetAll();
    connectedAt = row.connectedAt.getTime();
    known = { state: 'connected', until };
    return 'connected';
  }

  /** False when discovery found the app not installed on the location (`locations.app_installed`). */
  async function assertInstalled(locationId: string): Promise<void> {
    const row = await db.location.findUnique({
      where: { id: locationId },
      select: { appInstalled: true },
    });
    if (row?.appInstalled === false)
      throw new OAuthAppNotInstalledError(locationId, {
        endpoint: 'GET /oauth/installedLocations',
        status: null,
        ghlMessage: null,
        traceId: null,
      });
  }

  /** The agency access token: fresh from memory, else refreshed (or re-read) in a single flight. */
  function agencyAccess(rejectedFingerprint: string | null): Promise<AgencyAccess> {
    if (rejectedFingerprint === null && agency && isFresh(agency, now()))
      return Promise.resolve(agency);
    refreshing ??= refreshAgencyToken(db, {
      settings: options.settings,
      key: options.key,
      ghl: options.ghl,
      usedFingerprint: rejectedFingerprint,
      now,
    })
      .then((access) => {
        agency = access;
        return access;
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  async function mint(locationId: string): Promise<Cached> {
    let access = await agencyAccess(null);
    const at = now();
    let minted;
    try {
      minted = await mintLocationToken(
        options.ghl,
        access.accessToken,
        options.companyId,
        locationId,
        at,
      );
    } catch (error) {
      // The agency token expired early or was revoked: refresh once and try again.
      if (!(error instanceof OAuthRefusedError && error.status === 401)) throw error;
      access = await agencyAccess(access.fingerprint);
      try {
        minted = await mintLocationToken(
          options.ghl,
          access.accessToken,
          options.companyId,
          locationId,
          now(),
        );
      } catch (again) {
        if (!(again instanceof OAuthRefusedError && again.status === 401)) throw again;
        const reason = `GHL rejected a freshly refreshed agency token on ${again.endpoint} (${again.ghlMessage ?? 'HTTP 401'}): the app lost its oauth.write scope or was uninstalled.`;
        await markNeedsReconnect(db, reason);
        throw new OAuthReconnectNeededError(reason);
      }
    }
    const value = { token: minted.accessToken, obtainedAt: at, expiresAt: minted.expiresAt };
    await writeCachedLocationToken(db, locationId, value, options.key);
    return value;
  }

  function mintOnce(locationId: string): Promise<Cached> {
    let pending = minting.get(locationId);
    if (!pending) {
      pending = mint(locationId)
        .then((value) => {
          memory.set(locationId, value);
          return value;
        })
        .finally(() => minting.delete(locationId));
      minting.set(locationId, pending);
    }
    return pending;
  }

  async function listInstalled(): Promise<Set<string> | null> {
    if ((await connectionState()) === 'absent') return null;
    const list = (token: string) =>
      listInstalledLocations(
        options.ghl,
        token,
        options.companyId,
        appIdOf(options.settings.clientId),
      );
    let access = await agencyAccess(null);
    let installed;
    try {
      installed = await list(access.accessToken);
    } catch (error) {
      if (!(error instanceof OAuthRefusedError && error.status === 401)) throw error;
      access = await agencyAccess(access.fingerprint);
      installed = await list(access.accessToken);
    }
    return new Set(installed.filter((l) => l.isInstalled).map((l) => l.id));
  }

  return {
    async agencyAccessToken() {
      if ((await connectionState()) === 'absent') return null;
      return (await agencyAccess(null)).accessToken;
    },
    async renewAgencyAccessToken(rejected) {
      if ((await connectionState()) === 'absent') throw new OAuthNotConnectedError();
      return (await agencyAccess(tokenFingerprint(rejected))).accessToken;
    },
    installedLocationIds: listInstalled,
    async locationToken(locationId) {
      if ((await connectionState()) === 'absent') return null;
      const inMemory = memory.get(locationId);
      if (inMemory && isFresh(inMemory, now())) return inMemory.token;
      await assertInstalled(locationId);
      const stored = await readCachedLocationToken(db, locationId, options.key);
      if (stored && isFresh(stored, now())) {
        memory.set(locationId, stored);
        return stored.token;
      }
      return (await mintOnce(locationId)).token;
    },
    async renewLocationToken(locationId, rejected) {
      if (memory.get(locationId)?.token === rejected) memory.delete(locationId);
      await dropCachedLocationToken(db, locationId, tokenFingerprint(rejected));
      if ((await connectionState()) === 'absent') throw new OAuthNotConnectedError();
      const pending = minting.get(locationId);
      if (pending) return (await pending).token;
      const current = memory.get(locationId);
      if (current && current.token !== rejected && isFresh(current, now())) return current.token;
      return (await mintOnce(locationId)).token;
    },
  };
}

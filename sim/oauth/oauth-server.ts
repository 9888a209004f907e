import { randomBytes } from 'node:crypto';
import type { World } from '../world/world';

/**
 * The simulator's GHL Marketplace app: one OAuth client, its agency (Company) install and the
 * tokens it has issued. GHL's documented behaviour (sim/openapi/apps/oauth.json,
 * docs/oauth/Authorization.md upstream): access tokens last a day, refresh tokens a year and
 * rotate on every use. The sim makes every lifetime short and configurable, and treats a
 * refresh token used twice as theft (OAuth 2.0 Security BCP §4.14 reuse detection): the reuse
 * is refused and every token of that grant family is revoked, so the app must be reconnected.
 */
export type OAuthOptions = {
  clientId?: string;
  clientSecret?: string;
  /** The app's id, as `/oauth/locationToken` and `/oauth/installedLocations` report it. */
  appId?: string;
  /** Agency access token lifetime (GHL: 86,399 s). */
  accessTtlSeconds?: number;
  /** Location access token lifetime (GHL: 86,399 s). */
  locationTtlSeconds?: number;
  /** Refresh token lifetime (GHL: a year). */
  refreshTtlSeconds?: number;
  /** Authorization codes are good for this long (one use). */
  codeTtlSeconds?: number;
};

/** Live settings of the OAuth app (`sim.oauth.config`, `POST /__sim/oauth`). */
export type OAuthConfig = Required<OAuthOptions> & {
  /** Locations whose `/oauth/locationToken` answers 400 "Location is not active". */
  inactiveLocations: string[];
  /** Locations the app is not installed on (absent from installedLocations, no token minted). */
  uninstalledLocations: string[];
};

/** How many grants of each kind were answered (tests count refreshes). */
export type OAuthStats = {
  authorizationCode: number;
  refresh: number;
  refreshRefused: number;
  locationTokens: number;
  locationTokensRefused: number;
  familiesRevoked: number;
};

type Grant = { family: number; expiresAt: number };
type RefreshGrant = Grant & { used: boolean };
type LocationGrant = { locationId: string; family: number; expiresAt: number };

/** The default OAuth client of the simulator (throwaway test values). */
export const DEFAULT_OAUTH = {
  clientId: 'sim-oauth-client-id',
  clientSecret: 'sim-oauth-client-secret-0123456789',
  appId: 'simMarketplaceApp01',
} as const;

const token = (prefix: string) => `${prefix}-${randomBytes(24).toString('base64url')}`;

/** Issued codes and tokens, and the checks on them. Time is wall-clock (`Date.now`). */
export class OAuthServer {
  readonly config: OAuthConfig;
  private readonly codes = new Map<string, { redirectUri: string; expiresAt: number }>();
  private readonly access = new Map<string, Grant>();
  private readonly refresh = new Map<string, RefreshGrant>();
  private readonly locationTokens = new Map<string, LocationGrant>();
  private readonly revokedFamilies = new Set<number>();
  private nextFamily = 1;
  private counters: OAuthStats = OAuthServer.zero();

  constructor(
    private readonly world: World,
    options: OAuthOptions = {},
  ) {
    this.config = {
      clientId: options.clientId ?? DEFAULT_OAUTH.clientId,
      clientSecret: options.clientSecret ?? DEFAULT_OAUTH.clientSecret,
      appId: options.appId ?? DEFAULT_OAUTH.appId,
      accessTtlSeconds: options.accessTtlSeconds ?? 86_399,
      locationTtlSeconds: options.locationTtlSeconds ?? 86_399,
      refreshTtlSeconds: options.refreshTtlSeconds ?? 365 * 86_400,
      codeTtlSeconds: options.codeTtlSeconds ?? 600,
      inactiveLocations: [],
      uninstalledLocations: [],
    };
  }

  private static zero(): OAuthStats {
    return {
      authorizationCode: 0,
      refresh: 0,
      refreshRefused: 0,
      locationTokens: 0,
      locationTokensRefused: 0,
      familiesRevoked: 0,
    };
  }

  stats(): OAuthStats {
    return { ...this.counters };
  }

  resetStats(): void {
    this.counters = OAuthServer.zero();
  }

  /** The authorize page approved at once: a one-use code bound to the redirect URI. */
  issueCode(redirectUri: string): string {
    const code = token('code');
    this.codes.set(code, {
      redirectUri,
      expiresAt: Date.now() + this.config.codeTtlSeconds * 1000,
    });
    return code;
  }

  /** Redeems a code; null when unknown, used, expired or issued for another redirect URI. */
  redeemCode(code: string, redirectUri: string | undefined) {
    const entry = this.codes.get(code);
    this.codes.delete(code);
    if (!entry || entry.expiresAt < Date.now()) return null;
    if (redirectUri !== undefined && redirectUri !== entry.redirectUri) return null;
    this.counters.authorizationCode++;
    return this.issuePair(this.nextFamily++);
  }

  /**
   * Rotates a refresh token: a new access + refresh pair, the old refresh token spent. A spent
   * token presented again revokes its whole family (and is refused); so does an expired one.
   */
  rotate(refreshToken: string): ReturnType<OAuthServer['issuePair']> | 'reused' | null {
    const grant = this.refresh.get(refreshToken);
    if (!grant || this.revokedFamilies.has(grant.family) || grant.expiresAt < Date.now()) {
      this.counters.refreshRefused++;
      return null;
    }
    if (grant.used) {
      this.counters.refreshRefused++;
      this.revokeFamily(grant.family);
      return 'reused';
    }
    grant.used = true;
    this.counters.refresh++;
    return this.issuePair(grant.family);
  }

  private issuePair(family: number) {
    const accessToken = token('sim-oauth-agency');
    const refreshToken = token('sim-oauth-refresh');
    const now = Date.now();
    this.access.set(accessToken, {
      family,
      expiresAt: now + this.config.accessTtlSeconds * 1000,
    });
    this.refresh.set(refreshToken, {
      family,
      used: false,
      expiresAt: now + this.config.refreshTtlSeconds * 1000,
    });
    return { accessToken, refreshToken, expiresIn: this.config.accessTtlSeconds };
  }

  /** Revokes every token of a grant family (reuse detected, or the app uninstalled). */
  revokeFamily(family: number): void {
    if (this.revokedFamilies.has(family)) return;
    this.revokedFamilies.add(family);
    this.counters.familiesRevoked++;
  }

  /** Uninstalls the app: every token issued so far stops working. */
  revokeAll(): void {
    for (let family = 1; family < this.nextFamily; family++) this.revokeFamily(family);
  }

  /** Makes every access token (agency and location) expire now; refresh tokens stay good. */
  expireAccessTokens(): void {
    for (const grant of this.access.values()) grant.expiresAt = 0;
    for (const grant of this.locationTokens.values()) grant.expiresAt = 0;
  }

  /** True for a live agency access token. */
  isAgencyToken(candidate: string): boolean {
    const grant = this.access.get(candidate);
    return (
      grant !== undefined && grant.expiresAt > Date.now() && !this.revokedFamilies.has(grant.family)
    );
  }

  /** The family of a live agency access token (location tokens inherit it). */
  familyOf(agencyToken: string): number | undefined {
    return this.isAgencyToken(agencyToken) ? this.access.get(agencyToken)?.family : undefined;
  }

  isInstalled(locationId: string): boolean {
    return (
      this.world.location(locationId) !== undefined &&
      !this.config.uninstalledLocations.includes(locationId)
    );
  }

  isActive(locationId: string): boolean {
    return !this.config.inactiveLocations.includes(locationId);
  }

  /** A location access token for `locationId` of the family of `agencyToken`. */
  mintLocationToken(agencyToken: string, locationId: string): string {
    const family = this.familyOf(agencyToken) ?? 0;
    const issued = token('sim-oauth-location');
    this.locationTokens.set(issued, {
      locationId,
      family,
      expiresAt: Date.now() + this.config.locationTtlSeconds * 1000,
    });
    this.counters.locationTokens++;
    return issued;
  }

  countRefusedLocationToken(): void {
    this.counters.locationTokensRefused++;
  }

  /** The location a live OAuth location token belongs to, else undefined. */
  locationOf(candidate: string): string | undefined {
    const grant = this.locationTokens.get(candidate);
    if (!grant || grant.expiresAt <= Date.now() || this.revokedFamilies.has(grant.family))
      return undefined;
    if (!this.isActive(grant.locationId) || !this.isInstalled(grant.locationId)) return undefined;
    return grant.locationId;
  }
}

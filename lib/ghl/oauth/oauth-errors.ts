import { redactSecrets } from '@/lib/redact';

/** What every OAuth error carries: where, GHL's status and words (redacted), the traceId. */
export type OAuthErrorInit = {
  endpoint: string;
  status: number | null;
  ghlMessage: string | null;
  traceId: string | null;
};

function detail(init: OAuthErrorInit): string {
  const parts: string[] = [];
  if (init.status !== null) parts.push(`HTTP ${init.status}`);
  if (init.ghlMessage) parts.push(`GHL said "${init.ghlMessage}"`);
  if (init.traceId) parts.push(`traceId ${init.traceId}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** Base of the OAuth errors of lib/ghl/oauth. Messages never carry a token or the client secret. */
export abstract class OAuthError extends Error {
  readonly endpoint: string;
  readonly status: number | null;
  readonly ghlMessage: string | null;
  readonly traceId: string | null;

  protected constructor(message: string, init: OAuthErrorInit) {
    super(redactSecrets(message));
    this.name = new.target.name;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.ghlMessage = init.ghlMessage === null ? null : redactSecrets(init.ghlMessage);
    this.traceId = init.traceId;
  }
}

/**
 * GHL refused the grant or the token (400, 401, 403, 422): a bad or used code, a refresh token
 * reused or revoked (the app uninstalled), wrong client credentials, an expired access token.
 * Retrying the same request cannot help.
 */
export class OAuthRefusedError extends OAuthError {
  constructor(init: OAuthErrorInit) {
    super(`GHL refused ${init.endpoint}${detail(init)}.`, init);
  }
}

/** `POST /oauth/locationToken` answered 400 "Location is not active" (suspended or unpaid). */
export class OAuthLocationInactiveError extends OAuthError {
  constructor(
    readonly locationId: string,
    init: OAuthErrorInit,
  ) {
    super(`GHL says sub-account ${locationId} is not active${detail(init)}.`, init);
  }
}

/**
 * The Marketplace app is not installed on the location: `GET /oauth/installedLocations` does not
 * list it (discovery records that), or `POST /oauth/locationToken` said so. No token is minted.
 */
export class OAuthAppNotInstalledError extends OAuthError {
  constructor(
    readonly locationId: string,
    init: OAuthErrorInit,
  ) {
    super(
      `The GHL Marketplace app is not installed on sub-account ${locationId}${detail(init)}.`,
      init,
    );
  }
}

/** No usable answer: 5xx, a network error, a timeout or a body that is not the documented JSON. */
export class OAuthUnavailableError extends OAuthError {
  constructor(init: OAuthErrorInit & { reason: string }) {
    super(`GHL did not answer ${init.endpoint} usably: ${init.reason}${detail(init)}.`, init);
  }
}

/**
 * The agency connection must be made again by an admin (Settings → Connect GoHighLevel): a
 * refresh was refused, or the stored connection is already marked "needs reconnect". Syncs that
 * need it stop with this message; cached data stays.
 */
export class OAuthReconnectNeededError extends Error {
  override name = 'OAuthReconnectNeededError';
  constructor(reason: string) {
    super(
      `The GoHighLevel connection needs to be reconnected: ${redactSecrets(reason)} ` +
        'An admin reconnects it under Settings → Connect GoHighLevel; cached data is unchanged.',
    );
  }
}

/**
 * No agency credential at all: no Marketplace connection is stored (never connected, or
 * disconnected) and no agency PIT is set. Syncs stop with this message; cached data stays.
 */
export class OAuthNotConnectedError extends OAuthReconnectNeededError {
  override name = 'OAuthNotConnectedError';
  constructor() {
    super('');
    this.message =
      'GoHighLevel is not connected: no Marketplace connection is stored and GHL_API_TOKEN is not ' +
      'set. An admin connects under Settings → Connect GoHighLevel (or set an agency Private ' +
      'Integration Token in GHL_API_TOKEN); cached data is unchanged.';
  }
}

import { randomUUID } from 'node:crypto';
import { INVALID_JWT, SCOPE_MISSING, SimHttpError, badRequest, unauthorized } from '../errors';
import { API_VERSION, json, type ApiResponse } from '../pipeline';
import type { SimState } from '../state';
import type { OAuthConfig, OAuthServer } from './oauth-server';

/**
 * The OAuth endpoints of GHL's Marketplace, as the sim serves them (spec:
 * sim/openapi/apps/oauth.json, vendored unchanged):
 * - `GET /v2/oauth/chooselocation` (the marketplace's authorize page, also at `/oauth/chooselocation`):
 *   approves at once and redirects to `redirect_uri` with `code` and `state` — for e2e.
 * - `POST /oauth/token` (form-encoded, no Version header): `authorization_code` with
 *   `user_type=Company`, and `refresh_token` with rotation and reuse detection.
 * - `POST /oauth/locationToken` (form: companyId, locationId; Version 2021-07-28; agency OAuth
 *   token only): a location access token, or 400 "Location is not active".
 * - `GET /oauth/installedLocations?companyId&appId[&skip&limit&isInstalled&locationId]`.
 * - `GET|POST /__sim/oauth`: read or change `OAuthConfig`; `POST /__sim/oauth/expire` ends every
 *   access token now; `POST /__sim/oauth/revoke` uninstalls the app (every token dies).
 * Returns null for any other path.
 */
export type OAuthRequest = {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
};

function header(req: OAuthRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function unprocessable(messages: string[]): SimHttpError {
  return new SimHttpError(422, {
    statusCode: 422,
    message: messages,
    error: 'Unprocessable Entity',
  });
}

/** Reads a form body; JSON is refused as GHL documents only x-www-form-urlencoded here. */
function form(req: OAuthRequest): URLSearchParams {
  const type = header(req, 'content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded'))
    throw badRequest('Content-Type must be application/x-www-form-urlencoded');
  return new URLSearchParams(req.bodyText);
}

function bearer(req: OAuthRequest): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '');
  if (!match?.[1]) throw unauthorized(INVALID_JWT);
  return match[1];
}

function requireVersion(req: OAuthRequest): void {
  const version = header(req, 'version');
  if (!version) throw badRequest('Version header was not found');
  if (version !== API_VERSION) throw badRequest(`Invalid Version header; expected ${API_VERSION}`);
}

function token(state: SimState, oauth: OAuthServer, req: OAuthRequest): Record<string, unknown> {
  const body = form(req);
  const problems: string[] = [];
  const grantType = body.get('grant_type');
  if (!body.get('client_id')) problems.push('client_id should not be empty');
  if (!body.get('client_secret')) problems.push('client_secret should not be empty');
  if (!grantType) problems.push('grant_type should not be empty');
  else if (!['authorization_code', 'refresh_token', 'client_credentials'].includes(grantType))
    problems.push('grant_type must be a valid enum value');
  const userType = body.get('user_type');
  if (userType !== null && userType !== 'Company' && userType !== 'Location')
    problems.push('user_type must be a valid enum value');
  if (problems.length > 0) throw unprocessable(problems);
  if (
    body.get('client_id') !== oauth.config.clientId ||
    body.get('client_secret') !== oauth.config.clientSecret
  )
    throw unauthorized('Invalid client credentials');

  let pair: { accessToken: string; refreshToken: string; expiresIn: number };
  if (grantType === 'authorization_code') {
    const code = body.get('code');
    if (!code) throw unprocessable(['code should not be empty']);
    if (userType !== 'Company')
      throw badRequest('This app is installed at agency level: use user_type=Company');
    const issued = oauth.redeemCode(code, body.get('redirect_uri') ?? undefined);
    if (!issued) throw badRequest('Invalid grant: authorization code is invalid or expired');
    pair = issued;
  } else if (grantType === 'refresh_token') {
    const refreshToken = body.get('refresh_token');
    if (!refreshToken) throw unprocessable(['refresh_token should not be empty']);
    const rotated = oauth.rotate(refreshToken);
    if (rotated === 'reused')
      throw badRequest(
        'Invalid grant: refresh token was already used; every token of this grant was revoked',
      );
    if (!rotated) throw badRequest('Invalid grant: refresh token is invalid');
    pair = rotated;
  } else {
    throw badRequest('client_credentials is not supported for this app');
  }
  const approved = state.world.locations.map((l) => l.id).filter((id) => oauth.isInstalled(id));
  return {
    access_token: pair.accessToken,
    token_type: 'Bearer',
    expires_in: pair.expiresIn,
    refresh_token: pair.refreshToken,
    scope: SCOPES,
    userType: 'Company',
    companyId: state.world.companyId,
    approvedLocations: approved,
    userId: 'simInstallingUser01',
    isBulkInstallation: true,
    installToFutureLocations: true,
    approveAllLocations: true,
  };
}

const SCOPES =
  'locations.readonly contacts.readonly opportunities.readonly payments/transactions.readonly ' +
  'payments/orders.readonly payments/subscriptions.readonly oauth.readonly oauth.write';

function agencyCaller(state: SimState, oauth: OAuthServer, req: OAuthRequest): string {
  const value = bearer(req);
  if (oauth.isAgencyToken(value)) return value;
  // A Private Integration Token (agency or location) may not call the OAuth endpoints.
  if (value === state.world.agencyToken || state.world.locationByToken(value))
    throw unauthorized(SCOPE_MISSING);
  throw unauthorized(INVALID_JWT);
}

function locationToken(
  state: SimState,
  oauth: OAuthServer,
  req: OAuthRequest,
): Record<string, unknown> {
  requireVersion(req);
  const agencyToken = agencyCaller(state, oauth, req);
  const body = form(req);
  const problems: string[] = [];
  const companyId = body.get('companyId');
  const locationId = body.get('locationId');
  if (!companyId) problems.push('companyId should not be empty');
  if (!locationId) problems.push('locationId should not be empty');
  if (problems.length > 0) throw unprocessable(problems);
  if (companyId !== state.world.companyId)
    throw new SimHttpError(403, {
      statusCode: 403,
      message: 'The token does not have access to this company.',
      error: 'Forbidden',
    });
  if (!oauth.isInstalled(locationId!)) {
    oauth.countRefusedLocationToken();
    throw badRequest('App is not installed on this location');
  }
  if (!oauth.isActive(locationId!)) {
    oauth.countRefusedLocationToken();
    throw badRequest('Location is not active');
  }
  return {
    access_token: oauth.mintLocationToken(agencyToken, locationId!),
    token_type: 'Bearer',
    expires_in: oauth.config.locationTtlSeconds,
    scope: SCOPES,
    locationId,
    userId: 'simInstallingUser01',
    appId: oauth.config.appId,
    versionId: oauth.config.appId,
  };
}

function installedLocations(
  state: SimState,
  oauth: OAuthServer,
  req: OAuthRequest,
): Record<string, unknown> {
  requireVersion(req);
  agencyCaller(state, oauth, req);
  const query = req.url.searchParams;
  const problems: string[] = [];
  if (!query.get('companyId')) problems.push('companyId should not be empty');
  if (!query.get('appId')) problems.push('appId should not be empty');
  if (problems.length > 0) throw unprocessable(problems);
  if (query.get('companyId') !== state.world.companyId)
    throw new SimHttpError(403, {
      statusCode: 403,
      message: 'The token does not have access to this company.',
      error: 'Forbidden',
    });
  const skip = Math.max(0, Number(query.get('skip') ?? 0) || 0);
  const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 20) || 20));
  const onlyInstalled = query.get('isInstalled') === 'true';
  const only = query.get('locationId');
  const all = state.world.locations
    .filter((l) => (only ? l.id === only : true))
    .map((l) => ({ location: l, isInstalled: oauth.isInstalled(l.id) }))
    .filter((l) => !onlyInstalled || l.isInstalled);
  return {
    locations: all.slice(skip, skip + limit).map(({ location, isInstalled }) => ({
      _id: location.id,
      name: location.name,
      address: '',
      isInstalled,
      versionId: oauth.config.appId,
      installedAt: '2026-01-01T00:00:00.000Z',
    })),
    count: all.length,
    installToFutureLocations: true,
  };
}

/** The authorize page: approves at once, as a signed-in agency admin clicking "Allow" would. */
function authorize(oauth: OAuthServer, req: OAuthRequest): ApiResponse {
  const query = req.url.searchParams;
  const redirectUri = query.get('redirect_uri');
  const page = (status: number, text: string): ApiResponse => ({
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: `<!doctype html><title>Simulated GHL authorize</title><p>${text}</p>`,
  });
  if (query.get('client_id') !== oauth.config.clientId) return page(400, 'Unknown client_id.');
  if (query.get('response_type') !== 'code') return page(400, 'response_type must be code.');
  if (!redirectUri || !/^https?:\/\//.test(redirectUri))
    return page(400, 'redirect_uri is missing or not an http(s) URL.');
  const target = new URL(redirectUri);
  target.searchParams.set('code', oauth.issueCode(redirectUri));
  const stateParam = query.get('state');
  if (stateParam !== null) target.searchParams.set('state', stateParam);
  return { status: 302, headers: { Location: target.toString() }, body: '' };
}

function admin(oauth: OAuthServer, req: OAuthRequest, path: string): unknown {
  if (path === '/__sim/oauth' && req.method === 'GET')
    return { ...oauth.config, stats: oauth.stats() };
  if (path === '/__sim/oauth' && req.method === 'POST') {
    const patch = JSON.parse(req.bodyText || '{}') as Partial<OAuthConfig>;
    Object.assign(oauth.config, patch);
    return { ...oauth.config, stats: oauth.stats() };
  }
  if (path === '/__sim/oauth/expire' && req.method === 'POST') {
    oauth.expireAccessTokens();
    return { ok: true };
  }
  if (path === '/__sim/oauth/revoke' && req.method === 'POST') {
    oauth.revokeAll();
    return { ok: true };
  }
  return undefined;
}

/** Serves an OAuth or `/__sim/oauth` request, or returns null when the path is not one of them. */
export function handleOAuth(state: SimState, oauth: OAuthServer, req: OAuthRequest) {
  const path = req.url.pathname.replace(/\/+$/, '');
  const traceId = randomUUID();
  try {
    if (path.startsWith('/__sim/oauth')) {
      const result = admin(oauth, req, path);
      return result === undefined ? null : json(200, result);
    }
    if (
      req.method === 'GET' &&
      (path === '/v2/oauth/chooselocation' || path === '/oauth/chooselocation')
    )
      return authorize(oauth, req);
    let result: Record<string, unknown>;
    if (req.method === 'POST' && path === '/oauth/token') result = token(state, oauth, req);
    else if (req.method === 'POST' && path === '/oauth/locationToken')
      result = locationToken(state, oauth, req);
    else if (req.method === 'GET' && path === '/oauth/installedLocations')
      result = installedLocations(state, oauth, req);
    else return null;
    return json(200, { ...result, traceId }, {}, traceId);
  } catch (error) {
    if (error instanceof SimHttpError)
      return json(error.status, { ...error.body, traceId }, error.headers, traceId);
    if (error instanceof SyntaxError) return json(400, { error: error.message });
    throw error;
  }
}

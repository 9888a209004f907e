import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { writeAuditEntry } from '@/lib/audit/write-audit-entry';
import type { Db } from '@/lib/db/client';
import { exchangeAuthorizationCode } from '@/lib/ghl/oauth/exchange-authorization-code';
import type { OAuthClientSettings } from '@/lib/ghl/oauth/oauth-client-settings';
import { OAuthRefusedError, OAuthUnavailableError } from '@/lib/ghl/oauth/oauth-errors';
import { appIdOf, listInstalledLocations } from '@/lib/ghl/oauth/list-installed-locations';
import type { OAuthDeps } from '@/lib/ghl/oauth/oauth-request';
import { CONNECTION_ID, tokenColumns } from './connection-store';
import { hashState } from './create-connect-state';
import type { ConnectFailure } from './connect-failures';

export type CompleteConnectInput = {
  user: { id: string; email: string };
  /** The callback's query: GHL's `code` and `state`, or its `error`. */
  code: string | null;
  state: string | null;
  error: string | null;
  /** The state the browser carried in its httpOnly cookie. */
  cookieState: string | null;
};

export type CompleteConnectOptions = {
  settings: OAuthClientSettings | null;
  key: Buffer | null;
  ghl: OAuthDeps;
  /** GHL_COMPANY_ID: the agency the connection must belong to. */
  companyId: string | null;
  now?: Date;
};

export type CompleteConnectResult =
  { ok: true; companyId: string } | { ok: false; failure: ConnectFailure; status?: number | null };

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The callback of "Connect GoHighLevel", step by step, each failure a named step the settings
 * page explains: configuration present → GHL did not report an error → the `state` matches the
 * cookie and a stored, unused, unexpired state of this admin (CSRF; used up here either way) → the
 * code is exchanged (`POST /oauth/token`, form-encoded, `user_type=Company`) → the tokens belong to
 * GHL_COMPANY_ID → both tokens are stored encrypted, cached location tokens of any earlier grant
 * dropped, and the audit entry (with how many sub-accounts `GET /oauth/installedLocations` lists)
 * written in the same transaction.
 */
export async function completeConnect(
  db: Db,
  input: CompleteConnectInput,
  options: CompleteConnectOptions,
): Promise<CompleteConnectResult> {
  const now = options.now ?? new Date();
  const { settings, key, companyId } = options;
  if (!settings || !companyId) return { ok: false, failure: 'not_configured' };
  if (!key) return { ok: false, failure: 'no_encryption_key' };
  if (input.error) return { ok: false, failure: 'denied' };
  if (!input.state || !input.cookieState || !sameText(input.state, input.cookieState))
    return { ok: false, failure: 'state_mismatch' };
  const claimed = await db.oAuthState.updateMany({
    where: { stateHash: hashState(input.state), userId: input.user.id, usedAt: null },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) return { ok: false, failure: 'state_mismatch' };
  const stored = await db.oAuthState.findUniqueOrThrow({
    where: { stateHash: hashState(input.state) },
  });
  if (stored.expiresAt.getTime() < now.getTime()) return { ok: false, failure: 'state_expired' };
  if (!input.code) return { ok: false, failure: 'missing_code' };

  let tokens;
  try {
    tokens = await exchangeAuthorizationCode(options.ghl, settings, input.code, now);
  } catch (error) {
    if (error instanceof OAuthRefusedError)
      return { ok: false, failure: 'exchange_refused', status: error.status };
    if (error instanceof OAuthUnavailableError)
      return { ok: false, failure: 'exchange_unavailable', status: error.status };
    throw error;
  }
  if (tokens.userType !== null && tokens.userType !== 'Company')
    return { ok: false, failure: 'not_agency' };
  if (tokens.companyId !== null && tokens.companyId !== companyId)
    return { ok: false, failure: 'wrong_company' };

  // Where the app is installed, for the audit entry: a hint only, so a failure does not matter.
  const installed = await listInstalledLocations(
    options.ghl,
    tokens.accessToken,
    companyId,
    appIdOf(settings.clientId),
  ).then(
    (list) => list.filter((l) => l.isInstalled).length,
    () => null,
  );
  const columns = tokenColumns(tokens, key);
  await db.$transaction(async (tx) => {
    const before = await tx.oAuthConnection.findUnique({ where: { id: CONNECTION_ID } });
    const data = {
      companyId,
      status: 'connected',
      statusMessage: null,
      ...columns,
      scope: tokens.scope,
      connectedAt: now,
      connectedBy: input.user.email,
      refreshedAt: null,
    };
    await tx.oAuthConnection.upsert({
      where: { id: CONNECTION_ID },
      create: { id: CONNECTION_ID, ...data },
      update: data,
    });
    await tx.oAuthLocationToken.deleteMany({});
    await writeAuditEntry(tx, {
      actor: { id: input.user.id, email: input.user.email },
      action: 'oauth.connect',
      target: { type: 'connection', id: companyId, label: 'GoHighLevel Marketplace app' },
      before: before
        ? { status: before.status, refreshFingerprint: before.refreshFingerprint }
        : null,
      after: {
        status: 'connected',
        refreshFingerprint: columns.refreshFingerprint,
        installedLocations: installed,
      },
    });
  });
  return { ok: true, companyId };
}

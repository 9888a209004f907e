import 'server-only';
import { createDb, type Db } from '@/lib/db/client';
import {
  EnvError,
  env,
  requireDatabaseUrl,
  requireEncryptionKey,
  oauthSettings,
  requireGhlSettings,
  type GhlSettings,
  type OAuthSettings,
} from '@/lib/env';
import { createOAuthTokenSource } from '@/lib/oauth/create-oauth-token-source';
import { createGhlClient, type GhlClientOptions } from '@/lib/ghl/client';
import { createCallLog, type CallLog } from './call-log';
import { withDefaults, type SyncContext, type SyncEvents } from './context';
import { createStoredCredentialResolver } from './credentials';
import { hasLocationTokens } from './location-tokens';

export type SyncContextOptions = {
  db: Db;
  databaseUrl: string;
  ghl: GhlSettings;
  /** APP_ENCRYPTION_KEY; required as soon as a location token is stored. */
  encryptionKey: Buffer | null;
  events?: SyncEvents;
  /** Client tuning for tests and benches (rate limit, retry, fetch…). */
  client?: Partial<Omit<GhlClientOptions, 'baseUrl' | 'credentials' | 'onCall'>>;
  /** Overrides (clock, overlap, rollups, entity concurrency) for tests and benches. */
  overrides?: Partial<
    Pick<
      SyncContext,
      | 'now'
      | 'overlapMs'
      | 'recompute'
      | 'entityConcurrency'
      | 'cursorsPerEntity'
      | 'recentPaymentsDays'
    >
  >;
  callLogFlushMs?: number;
  /** The GHL Marketplace app (GHL_OAUTH_*): OAuth location tokens when a connection is stored. */
  oauth?: OAuthSettings | null;
};

/** A ready context plus what must be closed at the end (the call log's last flush). */
export type SyncRuntime = { ctx: SyncContext; callLog: CallLog; close(): Promise<void> };

/**
 * Wires the sync: stored-token credential resolver, GHL client whose every call lands in the call
 * log (flushed periodically and on close), and the defaults. Fails fast when location tokens are
 * stored but APP_ENCRYPTION_KEY is missing, rather than silently using the agency token.
 */
export async function createSyncRuntime(options: SyncContextOptions): Promise<SyncRuntime> {
  if (!options.encryptionKey && (await hasLocationTokens(options.db))) {
    throw new EnvError(
      'APP_ENCRYPTION_KEY is not set, but sub-account tokens are stored (npm run cli -- location-token list): ' +
        'set it to the key they were stored with. Without it the sync would fall back to the agency token.',
    );
  }
  if (!options.encryptionKey && (await options.db.oAuthConnection.count()) > 0) {
    throw new EnvError(
      'APP_ENCRYPTION_KEY is not set, but a GoHighLevel connection is stored (Settings → Connect ' +
        'GoHighLevel): set it to the key it was stored with.',
    );
  }
  const oauth =
    options.oauth && options.encryptionKey
      ? createOAuthTokenSource(options.db, {
          settings: options.oauth,
          key: options.encryptionKey,
          ghl: { baseUrl: options.ghl.baseUrl, fetch: options.client?.fetch },
          companyId: options.ghl.companyId,
        })
      : null;
  const credentials = createStoredCredentialResolver(options.db, {
    agencyToken: options.ghl.agencyToken,
    companyId: options.ghl.companyId,
    key: options.encryptionKey,
    oauth,
  });
  const callLog = createCallLog(options.db, { flushEveryMs: options.callLogFlushMs });
  callLog.start();
  const ghl = createGhlClient({
    ...options.client,
    baseUrl: options.ghl.baseUrl,
    credentials,
    onCall: callLog.record,
  });
  const ctx = withDefaults({
    db: options.db,
    ghl,
    credentials,
    databaseUrl: options.databaseUrl,
    events: options.events ?? {},
    oauth,
    ...options.overrides,
  });
  return { ctx, callLog, close: () => callLog.stop() };
}

/** The runtime from the environment (DATABASE_URL, GHL_*, APP_ENCRYPTION_KEY) for the CLI and worker. */
export async function createSyncRuntimeFromEnv(
  events?: SyncEvents,
): Promise<SyncRuntime & { db: Db }> {
  const settings = env();
  const databaseUrl = requireDatabaseUrl(settings);
  const ghl = requireGhlSettings(settings);
  const encryptionKey = settings.APP_ENCRYPTION_KEY ? requireEncryptionKey(settings) : null;
  const db = createDb(databaseUrl);
  try {
    const runtime = await createSyncRuntime({
      db,
      databaseUrl,
      ghl,
      encryptionKey,
      events,
      oauth: oauthSettings(settings),
      overrides: { recentPaymentsDays: settings.SYNC_RECENT_PAYMENTS_DAYS },
    });
    return {
      ...runtime,
      db,
      close: async () => {
        await runtime.close();
        await db.$disconnect();
      },
    };
  } catch (error) {
    await db.$disconnect();
    throw error;
  }
}

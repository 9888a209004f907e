import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Db } from '@/lib/db/client';
import type { OAuthSettings } from '@/lib/env';
import { completeConnect, type CompleteConnectResult } from '@/lib/oauth/complete-connect';
import { createConnectState } from '@/lib/oauth/create-connect-state';
import { createSyncRuntime, type SyncRuntime } from '@/lib/sync/create-sync-context';
import type { SyncContext, SyncEvents } from '@/lib/sync/context';
import { DEFAULT_OAUTH } from '@/sim/oauth/oauth-server';
import { startSimulator, type Simulator, type SimulatorOptions } from '@/sim/server';
import { createTestDatabase, type TestDatabase } from '@/tests/db';

export const REDIRECT_URL = 'http://127.0.0.1:3999/api/oauth/callback';

/** The app's OAuth settings for a simulator: its client, its authorize page. */
export function settingsFor(sim: Simulator): OAuthSettings {
  return {
    clientId: DEFAULT_OAUTH.clientId,
    clientSecret: DEFAULT_OAUTH.clientSecret,
    redirectUrl: REDIRECT_URL,
    authorizeUrl: `${sim.url}/v2/oauth/chooselocation`,
  };
}

export type OAuthHarness = {
  t: TestDatabase;
  db: Db;
  sim: Simulator;
  key: Buffer;
  settings: OAuthSettings;
  admin: { id: string; email: string };
  /** The browser's round trip: start, follow the authorize page, come back to the callback. */
  connect(): Promise<CompleteConnectResult>;
  /** A sync runtime; `agencyToken: null` is an install with the Marketplace app only. */
  runtime(
    events?: SyncEvents,
    overrides?: Partial<Pick<SyncContext, 'entityConcurrency'>>,
    options?: { agencyToken?: string | null; key?: Buffer },
  ): Promise<SyncRuntime>;
  close(): Promise<void>;
};

/** A database of its own, a simulator (marketplace mode unless told) and a signed-up admin. */
export async function createOAuthHarness(options: SimulatorOptions = {}): Promise<OAuthHarness> {
  const t = await createTestDatabase();
  const sim = await startSimulator({
    seed: 11,
    locations: 3,
    mode: 'marketplace',
    rateLimit: { max: 100, intervalMs: 200, daily: 1_000_000 },
    sizes: (i) => ({
      contacts: i === 0 ? 700 : 40 + i,
      opportunities: 30,
      transactions: 12,
      orders: 4,
      subscriptions: 2,
    }),
    ...options,
  });
  const key = randomBytes(32);
  const settings = settingsFor(sim);
  const user = await t.db.user.create({
    data: {
      email: `admin-${randomBytes(4).toString('hex')}@oauth.test`,
      name: 'OAuth Admin',
      passwordHash: 'x',
      role: 'admin',
    },
  });
  const admin = { id: user.id, email: user.email };
  const runtimes: SyncRuntime[] = [];
  return {
    t,
    db: t.db,
    sim,
    key,
    settings,
    admin,
    async connect() {
      const { state, authorizeUrl } = await createConnectState(t.db, admin.id, settings);
      const back = await followAuthorize(authorizeUrl);
      return completeConnect(
        t.db,
        { user: admin, code: back.code, state: back.state, error: null, cookieState: state },
        { settings, key, ghl: { baseUrl: sim.url }, companyId: sim.companyId },
      );
    },
    async runtime(events, overrides, options = {}) {
      const agencyToken = options.agencyToken === undefined ? sim.agencyToken : options.agencyToken;
      const runtime = await createSyncRuntime({
        db: t.db,
        databaseUrl: t.url,
        ghl: { baseUrl: sim.url, agencyToken, companyId: sim.companyId },
        encryptionKey: options.key ?? key,
        events,
        oauth: settings,
        client: { retry: { baseDelayMs: 20, maxDelayMs: 200 } },
        overrides,
        callLogFlushMs: 200,
      });
      runtimes.push(runtime);
      return runtime;
    },
    async close() {
      for (const r of runtimes) await r.close().catch(() => undefined);
      await sim.close();
      await t.drop();
    },
  };
}

/** GET the authorize page without following: it redirects to the callback with code and state. */
export async function followAuthorize(
  authorizeUrl: string,
): Promise<{ code: string | null; state: string | null }> {
  const response = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const back = new URL(response.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URL);
  return { code: back.searchParams.get('code'), state: back.searchParams.get('state') };
}

import type { ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { createDb, type Db } from '@/lib/db/client';
import { startSimulator, type Simulator } from '@/sim/server';
import { E2E_GHL, STORAGE } from './fixtures/e2e-data';
import { forgetLocations } from './fixtures/forget-locations';
import { assertLocalDatabase } from './fixtures/seed-e2e-database';
import { startWorker } from './fixtures/start-worker';

// Against a real PostgreSQL, the GHL simulator in marketplace mode (location data only through
// OAuth location tokens; every PIT refused) and a real worker: an admin connects the agency's
// Marketplace app in the browser, then Sync now reads every location through minted tokens.
test.use({ storageState: STORAGE.admin });
test.describe.configure({ mode: 'serial' });

let sim: Simulator;
let db: Db;
let worker: ChildProcess | undefined;
let locationIds: string[] = [];
const startedAt = new Date();

test.beforeAll(async () => {
  const url = assertLocalDatabase(process.env.DATABASE_URL);
  db = createDb(url);
  sim = await startSimulator({
    port: E2E_GHL.simPort,
    seed: 314,
    locations: 3,
    mode: 'marketplace',
    companyId: E2E_GHL.companyId,
    agencyToken: E2E_GHL.agencyToken,
    latencyMs: 20,
    oauth: {
      clientId: E2E_GHL.oauthClientId,
      clientSecret: E2E_GHL.oauthClientSecret,
      // Short lifetimes: the sync below outlives the first tokens and must renew them.
      accessTtlSeconds: 20,
      locationTtlSeconds: 20,
    },
    sizes: (i) => ({
      contacts: i === 0 ? 900 : 60,
      opportunities: 40,
      transactions: 20,
      orders: 5,
      subscriptions: 3,
    }),
  });
  locationIds = sim.world.locations.map((l) => l.id);
  await forgetLocations(db, locationIds);
  await db.oAuthConnection.deleteMany({});
});

test.afterAll(async () => {
  if (worker?.pid) worker.kill('SIGTERM');
  await forgetLocations(db, locationIds);
  await db.oAuthConnection.deleteMany({});
  await db.oAuthState.deleteMany({});
  await db.syncRun.deleteMany({ where: { startedAt: { gte: startedAt }, trigger: 'web' } });
  await db.$disconnect();
  await sim?.close();
});

test('an admin connects GoHighLevel in the browser: authorize, callback with state, tokens stored encrypted', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/settings/connect');
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'not_connected');
  await page.getByRole('button', { name: 'Connect GoHighLevel' }).click();
  // The simulator's authorize page approves at once and sends the browser back to the callback.
  await page.waitForURL(/\/settings\/connect\?connected=1/, { timeout: 30_000 });
  await expect(page.getByText('GoHighLevel is connected')).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
  expect(sim.oauth.stats().authorizationCode).toBe(1);
  const row = await db.oAuthConnection.findUniqueOrThrow({ where: { id: 'agency' } });
  expect(row).toMatchObject({ status: 'connected', companyId: E2E_GHL.companyId });
  expect(row.accessCiphertext.startsWith('v1.')).toBe(true);

  // A forged callback (no matching state cookie) is refused with the step named.
  await page.goto('/api/oauth/callback?code=forged&state=forged');
  await expect(page.getByTestId('connect-failure')).toHaveAttribute('data-step', 'state_mismatch');
  expect(sim.oauth.stats().authorizationCode).toBe(1);
});

test('Sync now reads every location through OAuth location tokens (marketplace mode refuses PITs)', async ({
  page,
}) => {
  // Starting the worker (tsx) and syncing three locations take well over the default 30 s on a
  // busy 2-core CI machine; the waits below bound it.
  test.setTimeout(240_000);
  worker = await startWorker(sim.url, {
    GHL_OAUTH_CLIENT_ID: E2E_GHL.oauthClientId,
    GHL_OAUTH_CLIENT_SECRET: E2E_GHL.oauthClientSecret,
    GHL_OAUTH_REDIRECT_URL: 'http://127.0.0.1:1/api/oauth/callback',
  });
  await page.goto('/settings/sync');
  const form = page.getByRole('form', { name: 'Sync now' });
  await form.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByText('Sync queued')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('sync-status')).toHaveText('Finished', { timeout: 180_000 });
  await expect(page.getByTestId('sync-locations')).toHaveText('3 of 3');

  for (const id of locationIds) {
    expect(await db.contact.count({ where: { locationId: id } })).toBe(
      sim.world.records(id, 'contacts').length,
    );
    const access = await db.locationAccess.findMany({ where: { locationId: id } });
    expect(access.map((a) => `${a.entity}:${a.status}:${a.tokenKind}`).sort()).toEqual(
      ['contacts', 'opportunities', 'orders', 'pipelines', 'subscriptions', 'transactions'].map(
        (e) => `${e}:ok:oauth`,
      ),
    );
  }
  expect(sim.oauth.stats().locationTokens).toBeGreaterThanOrEqual(3);

  // The health page says which credential each location uses.
  await page.goto('/health');
  for (const id of locationIds) {
    const row = page.locator('tr', { has: page.locator(`a[href="/locations/${id}"]`) });
    await expect(row.getByTestId('credential')).toHaveText('OAuth (Marketplace app)');
  }
});

test('a connection that needs reconnecting is shown on every page', async ({ page }) => {
  // Three full page loads (the roll-up among them) on a busy CI machine.
  test.setTimeout(120_000);
  await db.oAuthConnection.update({
    where: { id: 'agency' },
    data: { status: 'needs_reconnect', statusMessage: 'GHL refused the refresh token (e2e).' },
  });
  for (const path of ['/', '/health', '/settings/users']) {
    await page.goto(path);
    const banner = page.getByTestId('reconnect-banner');
    await expect(banner).toContainText('GHL refused the refresh token (e2e).', { timeout: 30_000 });
    await expect(banner.getByRole('link', { name: 'Reconnect GoHighLevel' })).toBeVisible();
  }
  const html = await page.content();
  expect(html).not.toContain(E2E_GHL.oauthClientSecret);
});

test('Disconnect (confirmed) deletes the stored tokens; cached data stays', async ({ page }) => {
  test.setTimeout(120_000);
  const contacts = await db.contact.count({ where: { locationId: { in: locationIds } } });
  expect(contacts).toBeGreaterThan(0);
  await page.goto('/settings/connect');
  await expect(page.getByTestId('connection-state')).not.toHaveAttribute(
    'data-state',
    'not_connected',
  );
  // The first confirmation is dismissed: nothing happens.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByRole('button', { name: 'Disconnect' }).click();
  expect(await db.oAuthConnection.count()).toBe(1);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByTestId('connection-state')).toHaveAttribute(
    'data-state',
    'not_connected',
    { timeout: 30_000 },
  );
  expect(await db.oAuthConnection.count()).toBe(0);
  expect(await db.oAuthLocationToken.count({ where: { locationId: { in: locationIds } } })).toBe(0);
  expect(await db.contact.count({ where: { locationId: { in: locationIds } } })).toBe(contacts);
  await page.goto('/settings/audit?action=oauth.disconnect');
  await expect(page.locator('tr[data-action="oauth.disconnect"]').first()).toBeVisible();
});

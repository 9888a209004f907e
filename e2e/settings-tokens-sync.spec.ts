import type { ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { createDb, type Db } from '@/lib/db/client';
import { startSimulator, type Simulator } from '@/sim/server';
import { E2E_GHL, STORAGE } from './fixtures/e2e-data';
import { forgetLocations } from './fixtures/forget-locations';
import { assertLocalDatabase } from './fixtures/seed-e2e-database';
import { startWorker } from './fixtures/start-worker';

// Against a real PostgreSQL, the GHL simulator in strict mode (the agency token reads no location
// data, as in GHL) and a real worker: store a location PIT with the live check, then sync now.
test.use({ storageState: STORAGE.admin });
test.describe.configure({ mode: 'serial' });

let sim: Simulator;
let db: Db;
let worker: ChildProcess | undefined;
let locationId: string;
let goodToken: string;
const startedAt = new Date();

test.beforeAll(async () => {
  const url = assertLocalDatabase(process.env.DATABASE_URL);
  db = createDb(url);
  sim = await startSimulator({
    port: E2E_GHL.simPort,
    seed: 29,
    locations: 1,
    mode: 'strict',
    companyId: E2E_GHL.companyId,
    agencyToken: E2E_GHL.agencyToken,
    // Slow enough that a sync lasts a few seconds, so its progress can be watched.
    latencyMs: 250,
    sizes: () => ({
      contacts: 1_200,
      opportunities: 150,
      transactions: 120,
      orders: 20,
      subscriptions: 8,
    }),
  });
  const [location] = sim.world.locations;
  locationId = location!.id;
  goodToken = sim.world.locationToken(locationId);
  await forgetLocations(db, [locationId]);
  await db.location.create({
    data: { id: locationId, companyId: E2E_GHL.companyId, name: location!.name, timezone: 'UTC' },
  });
});

test.afterAll(async () => {
  if (worker?.pid) worker.kill('SIGTERM');
  await forgetLocations(db, [locationId]);
  await db.syncRun.deleteMany({ where: { startedAt: { gte: startedAt }, trigger: 'web' } });
  await db.$disconnect();
  await sim?.close();
});

test('an admin stores a location PIT with the live check: a wrong-scope token names the missing scope; the good one is stored and never shown again', async ({
  page,
}) => {
  await page.goto(`/settings/tokens?q=${encodeURIComponent(locationId)}`);
  const card = page.locator(`section[data-location-id="${locationId}"]`);
  await expect(card.getByTestId('token-in-use')).toHaveText('Uses the agency token.');
  await card.getByText('Set a token').click();
  const input = card.getByLabel('Private Integration Token of this sub-account');

  // The agency token pasted as the location's: it lacks every location scope (strict mode).
  await input.fill(E2E_GHL.agencyToken);
  await card.getByRole('button', { name: 'Check and save' }).click();
  const check = card.getByRole('table', { name: /Live check of the token/ });
  await expect(check.locator('tr[data-status="scope_missing"]')).toHaveCount(6);
  await expect(
    card.getByText(/Missing scopes: contacts\.readonly, opportunities\.readonly/),
  ).toBeVisible();
  await expect(card.getByRole('button', { name: 'Save anyway' })).toBeVisible();
  expect(await db.locationToken.count({ where: { locationId } })).toBe(0);

  // The location's own token: every scope passes and it is stored.
  await input.fill(goodToken);
  await card.getByRole('button', { name: 'Check and save' }).click();
  await expect(card.getByText(/^Stored: fingerprint /)).toBeVisible();
  await expect(check.locator('tr[data-status="ok"]')).toHaveCount(6);
  const stored = await db.locationToken.findUniqueOrThrow({ where: { locationId } });
  await page.reload();
  await expect(card.getByTestId('token-in-use')).toContainText(stored.fingerprint);
  const html = await page.content();
  expect(html).not.toContain(goodToken);
  expect(html).not.toContain(E2E_GHL.agencyToken);
});

test('Sync now shows progress to completion with the stored token, and a second press during the run is refused', async ({
  page,
}) => {
  // Starting the worker (tsx) and a sync at 250 ms per request take well over the default 30 s on a
  // busy 2-core CI machine; the test's own waits below bound it.
  test.setTimeout(180_000);
  // The run below is timed from a ready worker.
  worker = await startWorker(sim.url);

  await page.goto('/settings/sync');
  const form = page.getByRole('form', { name: 'Sync now' });
  await form.getByLabel('One location').check();
  await form.getByLabel('Location (type to search)').fill(locationId);
  await form.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByText('Sync queued')).toBeVisible();
  await expect(page.getByTestId('sync-status')).toHaveText('Running');

  // Pressed again while it runs: refused with a message, nothing new queued.
  await form.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByText('A sync is already running')).toBeVisible();
  expect(await db.syncRun.count({ where: { trigger: 'web', startedAt: { gte: startedAt } } })).toBe(
    1,
  );

  // A reload keeps following it; it runs to completion.
  await page.reload();
  await expect(page.getByTestId('sync-status')).toHaveText('Finished', { timeout: 90_000 });
  await expect(page.getByTestId('sync-locations')).toHaveText('1 of 1');
  expect(
    Number((await page.getByTestId('sync-records').textContent())?.replace(/,/g, '')),
  ).toBeGreaterThan(1_000);
  expect(
    Number((await page.getByTestId('sync-requests').textContent())?.replace(/,/g, '')),
  ).toBeGreaterThan(0);

  // The sync read every entity with the location's own token (the agency token could not).
  await page.goto(`/settings/tokens?q=${encodeURIComponent(locationId)}`);
  const badges = page.locator(`section[data-location-id="${locationId}"] li.badge`);
  await expect(badges).toHaveCount(6);
  await expect(badges.filter({ hasText: ': OK' })).toHaveCount(6);
});

test('the audit log shows the token and sync actions, with fingerprints and no token', async ({
  page,
}) => {
  await page.goto('/settings/audit?action=token.set');
  await expect(page.locator('tr[data-action="token.set"]', { hasText: locationId })).toHaveCount(1);
  await expect(page.locator('tr[data-action="token.set"]', { hasText: locationId })).toContainText(
    'fingerprint:',
  );
  await page.goto('/settings/audit?action=sync.request');
  await expect(page.locator('tr[data-action="sync.request"]', { hasText: locationId })).toHaveCount(
    1,
  );
  await page.goto('/settings/audit');
  const html = await page.content();
  expect(html).not.toContain(goodToken);
  expect(html).not.toContain(E2E_GHL.agencyToken);
});

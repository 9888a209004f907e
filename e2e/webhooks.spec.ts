import type { ChildProcess } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { createDb, type Db } from '@/lib/db/client';
import { decodeKey } from '@/lib/env';
import { createSyncRuntime } from '@/lib/sync/create-sync-context';
import { runSync } from '@/lib/sync/run-sync';
import { startSimulator, type Simulator } from '@/sim/server';
import { E2E_GHL, STORAGE } from './fixtures/e2e-data';
import { forgetLocations } from './fixtures/forget-locations';
import { assertLocalDatabase } from './fixtures/seed-e2e-database';
import { startWorker } from './fixtures/start-worker';
import { e2eWebhookKeys } from './fixtures/webhook-keys';

// Webhooks end to end, each side in its own process: the simulator (this spec's) mutates a
// record and POSTs a signed webhook to the app under test (`next start`), whose
// /api/webhooks/ghl verifies it and queues a `refresh-record` job; a real worker re-reads the
// record and the drill-down shows the new number. Nothing here sleeps: every wait polls.
test.use({ storageState: STORAGE.admin });
test.describe.configure({ mode: 'serial' });

let sim: Simulator;
let db: Db;
let worker: ChildProcess | undefined;
let locationId: string;
const TRIGGER = 'e2e-webhooks';
// A day after the simulator's generated history (it ends 2026-11-01): only the mutation adds to it.
const DAY = '2026-11-05';
const period = `from=2026-11-04&to=2026-11-06`;

const kpi = (page: Page, label: RegExp) =>
  page.locator('dl > div').filter({ has: page.getByRole('term').filter({ hasText: label }) });

async function simAdmin(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  expect(response.status, JSON.stringify(json)).toBe(200);
  return json;
}

test.beforeAll(async () => {
  db = createDb(assertLocalDatabase(process.env.DATABASE_URL));
  sim = await startSimulator({
    port: E2E_GHL.simPort,
    seed: 141,
    locations: 1,
    mode: 'seed',
    companyId: E2E_GHL.companyId,
    agencyToken: E2E_GHL.agencyToken,
    latencyMs: 5,
    sizes: () => ({
      contacts: 40,
      opportunities: 10,
      transactions: 5,
      orders: 2,
      subscriptions: 1,
    }),
  });
  locationId = sim.world.locations[0]!.id;
  await forgetLocations(db, [locationId]);
  await db.webhookEvent.deleteMany({ where: { locationId } });
});

test.afterAll(async () => {
  if (worker?.pid) worker.kill('SIGTERM');
  await forgetLocations(db, [locationId]);
  await db.webhookEvent.deleteMany({ where: { locationId } });
  await db.syncRun.deleteMany({ where: { trigger: TRIGGER } });
  await db.$disconnect();
  await sim?.close();
});

test('a record changed in the simulator reaches the drill-down through a signed webhook and the refresh-record job', async ({
  page,
  baseURL,
}) => {
  // A worker (tsx) to start, a sync, a webhook and a job on a busy 2-core CI machine.
  test.setTimeout(180_000);
  // The location's cached data first (the same code the worker runs, in this process).
  const runtime = await createSyncRuntime({
    db,
    databaseUrl: process.env.DATABASE_URL!,
    ghl: { baseUrl: sim.url, agencyToken: E2E_GHL.agencyToken, companyId: E2E_GHL.companyId },
    encryptionKey: decodeKey(E2E_GHL.encryptionKey) ?? null,
  });
  try {
    const first = await runSync(runtime.ctx, {
      mode: 'full',
      locationId,
      concurrency: 1,
      trigger: TRIGGER,
    });
    expect(first.fatal).toBeNull();
  } finally {
    await runtime.close();
  }
  worker = await startWorker(sim.url);

  const newContacts = kpi(page, /^New contacts$/);
  await page.goto(`/locations/${locationId}?${period}`);
  await expect(newContacts.locator('dd').first()).toHaveText(/^\d+$/, { timeout: 30_000 });
  const before = Number(await newContacts.locator('dd').first().textContent());

  // The simulator, told over HTTP, signs its webhooks with the key the app under test trusts.
  await simAdmin('POST', '/__sim/webhooks', {
    url: `${baseURL}/api/webhooks/ghl`,
    privateKey: e2eWebhookKeys().privateKey,
  });
  const mutation = (await simAdmin('POST', '/__sim/mutate', {
    locationId,
    create: { contacts: 3 },
    at: `${DAY}T12:00:00.000Z`,
  })) as { created: { contacts: string[] } };
  const created = mutation.created.contacts;
  expect(created).toHaveLength(3);

  // Delivered and accepted: the app answered 200 to each signed event and recorded it once.
  await expect
    .poll(
      async () =>
        ((await simAdmin('GET', '/__sim/webhooks')).stats as { delivered: number }).delivered,
      {
        timeout: 60_000,
      },
    )
    .toBe(3);
  expect(await db.webhookEvent.count({ where: { locationId, recordId: { in: created } } })).toBe(3);

  // The worker re-reads each record by id; the drill-down shows the three new contacts.
  await expect
    .poll(() => db.contact.count({ where: { locationId, id: { in: created } } }), {
      timeout: 120_000,
      intervals: [500, 1_000, 2_000],
    })
    .toBe(3);
  await expect(async () => {
    await page.goto(`/locations/${locationId}?${period}`);
    await expect(newContacts.locator('dd').first()).toHaveText(String(before + 3), {
      timeout: 5_000,
    });
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 5_000] });

  // A bad signature is refused and queues nothing.
  const forged = await page.request.post('/api/webhooks/ghl', {
    headers: { 'content-type': 'application/json', 'x-wh-signature': 'Zm9yZ2Vk' },
    data: JSON.stringify({
      type: 'ContactCreate',
      locationId,
      id: 'forged-contact',
      timestamp: new Date().toISOString(),
      webhookId: 'e2e-forged-webhook',
    }),
  });
  expect(forged.status()).toBe(401);
  expect(await db.webhookEvent.count({ where: { webhookId: 'e2e-forged-webhook' } })).toBe(0);
});

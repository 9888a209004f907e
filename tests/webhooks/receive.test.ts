import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseEnv, resetEnvCache } from '@/lib/env';
import { getBoss, stopBoss } from '@/lib/jobs/boss';
import { verifyGhlSignature } from '@/lib/webhooks/verify-ghl-signature';
import { GHL_WEBHOOK_PUBLIC_KEY } from '@/lib/webhooks/ghl-public-key';
import { webhookSettings } from '@/lib/webhooks/webhook-settings';
import { createTestDatabase, type TestDatabase } from '@/tests/db';
import { state } from '@/tests/signed-in';

vi.mock('@/lib/db/client', (importOriginal) =>
  import('@/tests/signed-in').then((m) => m.dbModule(importOriginal)),
);

const { POST } = await import('@/app/api/webhooks/ghl/route');

const ours = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = ours.publicKey.export({ type: 'spki', format: 'pem' }).toString();

let t: TestDatabase;
const saved = { ...process.env };
beforeAll(async () => {
  t = await createTestDatabase();
  state.db = t.db;
  process.env.DATABASE_URL = t.url;
  process.env.GHL_WEBHOOK_PUBLIC_KEY = publicPem.replace(/\n/g, '\\n'); // as one env line
  resetEnvCache();
  await getBoss(); // creates the pg-boss schema, so "nothing queued" can be counted
});
afterAll(async () => {
  await stopBoss();
  process.env = saved;
  resetEnvCache();
  await t?.drop();
});

function event(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: 'OpportunityStatusUpdate',
    locationId: 'loc-1',
    id: 'opp-1',
    status: 'won',
    timestamp: new Date().toISOString(),
    webhookId: `wh-${Math.random().toString(36).slice(2)}`,
    ...overrides,
  });
}

const signWith = (key: typeof ours.privateKey, body: string) =>
  sign('sha256', Buffer.from(body), key).toString('base64');

function post(body: string, signature: string | null) {
  return POST(
    new Request('http://localhost/api/webhooks/ghl', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signature ? { 'x-wh-signature': signature } : {}),
      },
      body,
    }),
  );
}

async function queued(): Promise<Array<{ data: unknown }>> {
  const rows = await t.db.$queryRaw<Array<{ data: unknown }>>`
    SELECT data FROM pgboss.job WHERE name = 'refresh-record' ORDER BY created_on`;
  return rows;
}

describe('POST /api/webhooks/ghl', () => {
  it('answers 401 to a bad signature and neither records nor queues anything', async () => {
    const body = event();
    for (const signature of [
      null,
      'not base64 !',
      signWith(stranger.privateKey, body), // someone else's key
      signWith(ours.privateKey, body.replace('won', 'lost')), // signed a different body
    ]) {
      const response = await post(body, signature);
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe('unauthenticated');
    }
    expect(await t.db.webhookEvent.count()).toBe(0);
    expect(await queued()).toEqual([]);
  });

  it('queues one re-read for a good event and processes a replay of it once', async () => {
    const body = event({ webhookId: 'wh-replayed', id: 'opp-replayed' });
    const signature = signWith(ours.privateKey, body);
    const first = await post(body, signature);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'queued' });
    for (let i = 0; i < 3; i++) {
      const again = await post(body, signature);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ status: 'duplicate' });
    }
    expect(await t.db.webhookEvent.count({ where: { webhookId: 'wh-replayed' } })).toBe(1);
    const jobs = (await queued()).filter((j) => JSON.stringify(j.data).includes('opp-replayed'));
    expect(jobs.map((j) => j.data)).toEqual([
      { locationId: 'loc-1', entity: 'opportunities', recordId: 'opp-replayed', action: 'upsert' },
    ]);
  });

  it('refuses events outside the replay window, and maps payments and deletes', async () => {
    const stale = event({ timestamp: new Date(Date.now() - 10 * 60_000).toISOString() });
    const response = await post(stale, signWith(ours.privateKey, stale));
    expect(response.status).toBe(400);
    const future = event({ timestamp: new Date(Date.now() + 10 * 60_000).toISOString() });
    expect((await post(future, signWith(ours.privateKey, future))).status).toBe(400);
    expect(await t.db.webhookEvent.count({ where: { type: 'OpportunityStatusUpdate' } })).toBe(1);

    const refund = event({
      type: 'TransactionUpdate',
      id: undefined,
      _id: 'txn-9',
      altId: 'loc-2',
      locationId: undefined,
    });
    expect(await (await post(refund, signWith(ours.privateKey, refund))).json()).toEqual({
      status: 'queued',
    });
    const gone = event({ type: 'ContactDelete', id: 'c-7' });
    expect(await (await post(gone, signWith(ours.privateKey, gone))).json()).toEqual({
      status: 'queued',
    });
    const note = event({ type: 'NoteCreate', id: 'n-1' });
    expect(await (await post(note, signWith(ours.privateKey, note))).json()).toEqual({
      status: 'recorded',
    });
    const data = (await queued()).map((j) => j.data);
    expect(data).toContainEqual({
      locationId: 'loc-2',
      entity: 'transactions',
      recordId: 'txn-9',
      action: 'upsert',
    });
    expect(data).toContainEqual({
      locationId: 'loc-1',
      entity: 'contacts',
      recordId: 'c-7',
      action: 'delete',
    });
  });

  it('holds a re-read back for the coalescing window, so a burst of events about one record queues it once', async () => {
    // GHL sends several events for one edit (OpportunityUpdate, …StatusUpdate, …MonetaryValueUpdate).
    for (const type of ['OpportunityUpdate', 'OpportunityStatusUpdate', 'OpportunityUpdate']) {
      const body = event({ type, id: 'opp-burst' });
      const response = await post(body, signWith(ours.privateKey, body));
      expect(await response.json()).toEqual({ status: 'queued' });
    }
    expect(await t.db.webhookEvent.count({ where: { recordId: 'opp-burst' } })).toBe(3);
    const jobs = await t.db.$queryRaw<Array<{ heldBack: number }>>`
      SELECT extract(epoch FROM start_after - created_on)::float AS "heldBack"
      FROM pgboss.job WHERE name = 'refresh-record' AND data->>'recordId' = 'opp-burst'`;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.heldBack).toBeGreaterThanOrEqual(4.9);
    expect(jobs[0]?.heldBack).toBeLessThan(6);
  });

  it("verifies with GHL's published key when none is configured", () => {
    expect(webhookSettings(parseEnv({}))).toEqual({
      publicKey: GHL_WEBHOOK_PUBLIC_KEY,
      replayWindowMs: 300_000,
      coalesceSeconds: 5,
    });
    expect(() => parseEnv({ GHL_WEBHOOK_PUBLIC_KEY: 'not a key' })).toThrow(
      /GHL_WEBHOOK_PUBLIC_KEY/,
    );
    const body = event();
    expect(verifyGhlSignature(Buffer.from(body), signWith(ours.privateKey, body), publicPem)).toBe(
      true,
    );
    expect(
      verifyGhlSignature(
        Buffer.from(body),
        signWith(ours.privateKey, body),
        GHL_WEBHOOK_PUBLIC_KEY,
      ),
    ).toBe(false);
  });

  it('answers 413 to a body over 256 KB', async () => {
    const body = event({ padding: 'x'.repeat(300 * 1024) });
    const response = await post(body, signWith(ours.privateKey, body));
    expect(response.status).toBe(413);
  });
});

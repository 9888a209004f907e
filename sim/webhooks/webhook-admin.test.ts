import { generateKeyPairSync, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../server';

// `/__sim/webhooks` switches the webhook sender on over HTTP, for a simulator in another process.
let sim: Simulator;
let receiver: Server;
let receiverUrl: string;
const received: Array<{ body: string; signature: string }> = [];

beforeAll(async () => {
  sim = await startSimulator({
    locations: 2,
    rateLimit: false,
    sizes: () => ({ contacts: 10, opportunities: 5 }),
  });
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['x-wh-signature'] ?? '') });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await sim.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const admin = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
}

describe('/__sim/webhooks', () => {
  it('is off until switched on: a mutation sends nothing', async () => {
    expect((await admin('GET', '/__sim/webhooks')).body).toMatchObject({ url: null });
    const location = sim.world.locations[0]!.id;
    await admin('POST', '/__sim/mutate', { locationId: location, create: { contacts: 1 } });
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(0);
  });

  it('sends one signed event per mutated record with the simulator’s own key, verifiable with the published key', async () => {
    const on = await admin('POST', '/__sim/webhooks', { url: receiverUrl });
    expect(on.status).toBe(200);
    const publicKey = on.body.publicKey as string;
    expect(publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const location = sim.world.locations[1]!.id;
    const result = await admin('POST', '/__sim/mutate', {
      locationId: location,
      create: { contacts: 2 },
      update: { opportunities: 1 },
    });
    await until(() => received.length === 3);
    for (const delivery of received)
      expect(
        verify(
          'sha256',
          Buffer.from(delivery.body),
          publicKey,
          Buffer.from(delivery.signature, 'base64'),
        ),
      ).toBe(true);
    const bodies = received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(bodies.map((b) => b.type).sort()).toEqual([
      'ContactCreate',
      'ContactCreate',
      'OpportunityUpdate',
    ]);
    expect(bodies.map((b) => b.id).sort()).toEqual(
      [
        ...(result.body.created as { contacts: string[] }).contacts,
        ...(result.body.updated as { opportunities: string[] }).opportunities,
      ].sort(),
    );
    expect((await admin('GET', '/__sim/webhooks')).body).toMatchObject({
      url: receiverUrl,
      publicKey,
      stats: { events: 3, delivered: 3, dropped: 0 },
    });
  });

  it('signs with a given private key; {url: null} stops; bad settings get 400', async () => {
    received.length = 0;
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const privateKey = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const on = await admin('POST', '/__sim/webhooks', { url: receiverUrl, privateKey });
    expect(on.body.publicKey).toBe(publicKey);
    const location = sim.world.locations[0]!.id;
    await admin('POST', '/__sim/mutate', { locationId: location, delete: { contacts: 1 } });
    await until(() => received.length === 1);
    const [delivery] = received;
    expect(JSON.parse(delivery!.body)).toMatchObject({
      type: 'ContactDelete',
      locationId: location,
    });
    expect(
      verify(
        'sha256',
        Buffer.from(delivery!.body),
        publicKey,
        Buffer.from(delivery!.signature, 'base64'),
      ),
    ).toBe(true);

    expect((await admin('POST', '/__sim/webhooks', { url: null })).body).toMatchObject({
      url: null,
    });
    await admin('POST', '/__sim/mutate', { locationId: location, create: { contacts: 1 } });
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(1);

    expect((await admin('POST', '/__sim/webhooks', { url: 'ftp://x' })).status).toBe(400);
    expect((await admin('POST', '/__sim/webhooks', { url: receiverUrl, drop: 2 })).status).toBe(
      400,
    );
    expect((await admin('GET', '/__sim/webhooks')).body).toMatchObject({ url: null });
  });
});

import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { findFreePort, isPortFree, startOnFreePort } from '@/scripts/lib/free-port';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function hold(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    servers.push(server);
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as net.AddressInfo).port));
  });
}

describe('free ports', () => {
  it('sees a port taken on 127.0.0.1 only and on every interface', async () => {
    const loopback = await hold(0, '127.0.0.1');
    const everywhere = await hold(0, '0.0.0.0');
    expect(await isPortFree(loopback)).toBe(false);
    expect(await isPortFree(everywhere)).toBe(false);
  });

  it('takes the preferred port when free, else the next free one', async () => {
    const preferred = await findFreePort(0);
    expect(await findFreePort(preferred)).toBe(preferred);
    await hold(preferred, '127.0.0.1');
    const next = await findFreePort(preferred);
    expect(next).toBeGreaterThan(preferred);
    expect(await isPortFree(next)).toBe(true);
  });

  it('names the port when a strict start finds it taken', async () => {
    const taken = await hold(0, '127.0.0.1');
    await expect(
      startOnFreePort('thing', taken, () => Promise.resolve('started'), true),
    ).rejects.toThrow(`thing: port ${taken} is in use`);
  });

  it('moves on when another process takes the chosen port before the listen', async () => {
    const preferred = await findFreePort(0);
    const tried: number[] = [];
    const { server, port } = await startOnFreePort('thing', preferred, async (p) => {
      tried.push(p);
      if (tried.length === 1) throw Object.assign(new Error('taken'), { code: 'EADDRINUSE' });
      return 'started';
    });
    expect(server).toBe('started');
    expect(tried[0]).toBe(preferred);
    expect(port).toBeGreaterThan(preferred);
  });
});

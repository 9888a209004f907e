import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpFetch } from './http';
import { classifyStatus, readErrorBody, sendOnce } from './request';
import { systemClock, type CallContext } from './types';

type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];

const ctx: CallContext = {
  endpoint: 'POST /contacts/search',
  locationId: 'loc_1',
  token: 'pit-11111111-2222-3333-4444-555555555555',
  tokenKind: 'location',
  tokenFingerprint: 'abc',
  bucketKey: 'k',
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url?.startsWith('/slow')) return; // never answers
      if (req.url?.startsWith('/gzip')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        return res.end(gzipSync(JSON.stringify({ contacts: [{ id: 'c1' }], traceId: 'tr-gz' })));
      }
      if (req.url?.startsWith('/stall')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.write('{"contacts":['); // headers and half a body, then silence
      }
      if (req.url?.startsWith('/cut')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"contacts":[');
        return setTimeout(() => res.destroy(), 20);
      }
      if (req.url?.startsWith('/html')) {
        res.writeHead(502, { 'content-type': 'text/html', 'retry-after': '2' });
        return res.end(`<html>Bad gateway for Bearer ${ctx.token}</html>`);
      }
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-ratelimit-remaining': '97',
        'x-ratelimit-max': '100',
        'x-ratelimit-interval-milliseconds': '10000',
        'x-ratelimit-daily-remaining': '199996',
      });
      res.end(JSON.stringify({ contacts: [], traceId: 'tr-http' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const deps = () => ({ baseUrl, fetch: nodeHttpFetch, clock: systemClock, timeoutMs: 2_000 });

describe('sendOnce over real HTTP', () => {
  it('sends the GHL headers and JSON body, and reads rate-limit headers and traceId', async () => {
    const result = await sendOnce(deps(), ctx, {
      method: 'POST',
      path: '/contacts/search',
      body: { locationId: 'loc_1', pageLimit: 1 },
      version: '2021-07-28',
    });
    expect(result).toMatchObject({
      status: 200,
      failure: null,
      traceId: 'tr-http',
      rate: { remaining: 97, max: 100, intervalMs: 10_000, dailyRemaining: 199_996 },
      body: { contacts: [] },
    });
    const req = seen.at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.headers.authorization).toBe(`Bearer ${ctx.token}`);
    expect(req.headers.version).toBe('2021-07-28');
    expect(req.headers.accept).toBe('application/json');
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({ locationId: 'loc_1', pageLimit: 1 });
  });

  it('leaves out undefined query values and sends no Content-Type on GET', async () => {
    await sendOnce(deps(), ctx, {
      method: 'GET',
      path: '/payments/orders',
      query: { altId: 'loc_1', altType: undefined, limit: 100, offset: 0 },
      version: '2021-07-28',
    });
    const req = seen.at(-1)!;
    expect(req.url).toBe('/payments/orders?altId=loc_1&limit=100&offset=0');
    expect(req.headers['content-type']).toBeUndefined();
  });

  it('classifies a non-JSON 5xx as retryable, keeps a redacted snippet and reads Retry-After', async () => {
    const result = await sendOnce(deps(), ctx, {
      method: 'GET',
      path: '/html',
      version: '2021-07-28',
    });
    expect(result).toMatchObject({ status: 502, failure: 'server', retryAfterMs: 2_000 });
    expect(result.ghlMessage).toBe('<html>Bad gateway for Bearer [redacted]</html>');
  });

  it('reports a timeout when the server does not answer in time', async () => {
    const result = await sendOnce({ ...deps(), timeoutMs: 100 }, ctx, {
      method: 'GET',
      path: '/slow',
      version: '2021-07-28',
    });
    expect(result).toMatchObject({
      status: null,
      failure: 'timeout',
      reason: 'no response within 100 ms',
    });
  });

  it('rethrows the caller’s abort instead of retrying', async () => {
    const controller = new AbortController();
    const pending = sendOnce(
      deps(),
      ctx,
      { method: 'GET', path: '/slow', version: '2021-07-28' },
      controller.signal,
    );
    controller.abort(new Error('sync cancelled'));
    await expect(pending).rejects.toThrow('sync cancelled');
  });

  it('decodes a gzip-compressed body', async () => {
    const result = await sendOnce(deps(), ctx, { method: 'GET', path: '/gzip', version: 'v' });
    expect(result).toMatchObject({
      status: 200,
      failure: null,
      body: { contacts: [{ id: 'c1' }] },
    });
    expect(seen.at(-1)!.headers['accept-encoding']).toMatch(/gzip/);
  });

  it('times out a response whose body stops arriving', async () => {
    const result = await sendOnce({ ...deps(), timeoutMs: 150 }, ctx, {
      method: 'GET',
      path: '/stall',
      version: 'v',
    });
    expect(result).toMatchObject({ status: null, failure: 'timeout' });
  });

  it('reports a connection cut mid-body as a network error, not a bad payload', async () => {
    const result = await sendOnce(deps(), ctx, { method: 'GET', path: '/cut', version: 'v' });
    expect(result).toMatchObject({ status: null, failure: 'network' });
  });

  it('reports connection failures as network errors', async () => {
    const result = await sendOnce({ ...deps(), baseUrl: 'http://127.0.0.1:1' }, ctx, {
      method: 'GET',
      path: '/x',
      version: '2021-07-28',
    });
    expect(result.failure).toBe('network');
    expect(result.reason).toMatch(/^network error: /);
  });
});

describe('error body and status mapping', () => {
  it('reads string and string[] messages, statusCode or status, and traceId', () => {
    expect(readErrorBody({ statusCode: 422, message: ['a', 'b'], traceId: 't' })).toEqual({
      message: 'a; b',
      traceId: 't',
    });
    expect(readErrorBody({ status: 404, message: 'Order not found' })).toEqual({
      message: 'Order not found',
      traceId: null,
    });
    expect(readErrorBody('nope')).toEqual({ message: null, traceId: null });
  });

  it('maps statuses and 401 messages', () => {
    expect(classifyStatus(200, null)).toBeNull();
    expect(classifyStatus(429, null)).toBe('rate_limited');
    expect(classifyStatus(503, null)).toBe('server');
    expect(classifyStatus(401, 'Invalid JWT')).toBe('token_invalid');
    expect(classifyStatus(401, 'The token is not authorized for this scope.')).toBe(
      'scope_missing',
    );
    expect(classifyStatus(401, 'This location is not accessible from this token.')).toBe(
      'location_forbidden',
    );
    expect(classifyStatus(403, 'You do not have permission to access this resource')).toBe(
      'location_forbidden',
    );
    expect(classifyStatus(422, null)).toBe('rejected');
  });
});

import { describe, expect, it } from 'vitest';
import {
  GhlBudgetExhaustedError,
  GhlLocationForbiddenError,
  GhlRequestRejectedError,
  GhlScopeMissingError,
  GhlTokenInvalidError,
  GhlUpstreamUnavailableError,
} from './errors';
import { jsonReply, rateHeaders } from './testing/fake-fetch';
import { pipelineRecord } from './testing/fixtures';
import { AGENCY_TOKEN, LOCATION_TOKEN, testClient } from './testing/test-client';
import { failure } from './testing/failure';

const ok = () =>
  jsonReply(200, { pipelines: [pipelineRecord(1)], traceId: 'trace-ok' }, rateHeaders(90));

describe('retries', () => {
  it('recovers from 429 with backoff and reports every attempt', async () => {
    const { client, time, requests, events } = testClient((_, n) =>
      n < 2
        ? jsonReply(429, { statusCode: 429, message: 'Too Many Requests' }, rateHeaders(0))
        : ok(),
    );
    const pipelines = await time.run(client.listPipelines('loc_1'));
    expect(pipelines).toHaveLength(1);
    expect(requests).toHaveLength(3);
    expect(events.map((e) => [e.status, e.attempt])).toEqual([
      [429, 1],
      [429, 2],
      [200, 3],
    ]);
    expect(events[2]).toMatchObject({
      endpoint: 'GET /opportunities/pipelines',
      locationId: 'loc_1',
      tokenKind: 'location',
      rateLimitRemaining: 90,
      rateLimitMax: 100,
      dailyRemaining: 199_000,
      traceId: 'trace-ok',
    });
    expect(events[0]!.tokenFingerprint).toMatch(/^[0-9a-f]{12}$/);
  });

  it('honours Retry-After on 429 (seconds), for every caller of the bucket', async () => {
    const sentAt: number[] = [];
    const t = testClient((_, n) => {
      sentAt.push(t.time.clock.now());
      return n === 0 ? jsonReply(429, { message: 'slow down' }, { 'retry-after': '7' }) : ok();
    });
    const t0 = t.time.clock.now();
    const first = t.client.listPipelines('loc_1');
    await t.time.advance(1);
    const second = t.client.listPipelines('loc_1'); // same bucket, started during the pause
    await t.time.run(Promise.all([first, second]));
    expect(sentAt.map((x) => x - t0)).toEqual([0, 7_000, 7_000]);
  });

  it('gives up on 429 after maxRateLimitRetries as upstream_unavailable', async () => {
    const { client, time, requests } = testClient(
      () => jsonReply(429, { message: 'Too Many Requests' }),
      {
        retry: { maxRateLimitRetries: 3 },
      },
    );
    const error = await time.run(failure(client.listPipelines('loc_1')));
    expect(error).toBeInstanceOf(GhlUpstreamUnavailableError);
    expect(error).toMatchObject({ code: 'upstream_unavailable', status: 429, attempts: 4 });
    expect(requests).toHaveLength(4);
  });

  it('retries 5xx and network errors with a cap, then fails as upstream_unavailable', async () => {
    const flaky = testClient((_, n) =>
      n === 0 ? jsonReply(503, {}) : n === 1 ? new TypeError('fetch failed') : ok(),
    );
    await expect(flaky.time.run(flaky.client.listPipelines('loc_1'))).resolves.toHaveLength(1);
    expect(flaky.requests).toHaveLength(3);
    expect(flaky.events.map((e) => e.status)).toEqual([503, null, 200]);

    const down = testClient(() =>
      jsonReply(502, { statusCode: 502, message: 'Bad Gateway', traceId: 'tr-502' }),
    );
    const error = await down.time.run(failure(down.client.listPipelines('loc_1')));
    expect(error).toMatchObject({
      code: 'upstream_unavailable',
      status: 502,
      traceId: 'tr-502',
      attempts: 5,
    });
    expect(down.requests).toHaveLength(5); // 1 + maxRetries (4)
    expect(error.message).toContain('GET /opportunities/pipelines for location loc_1');
  });

  it('times out a hanging call (AbortSignal.timeout) and retries it', async () => {
    const { client, time, requests } = testClient((_, n) => (n === 0 ? 'hang' : ok()), {
      timeoutMs: 30,
    });
    const pending = client.listPipelines('loc_1');
    await new Promise((r) => setTimeout(r, 60)); // the real timeout fires
    await expect(time.run(pending)).resolves.toHaveLength(1);
    expect(requests).toHaveLength(2);
  });

  it('backs off with full jitter: random 0 retries at once, random ~1 waits the doubled ceiling', async () => {
    const fast = testClient((_, n) => (n < 2 ? jsonReply(500, {}) : ok()), { random: () => 0 });
    const t0 = fast.time.clock.now();
    await fast.time.run(fast.client.listPipelines('loc_1'));
    expect(fast.time.clock.now() - t0).toBe(0);

    const slow = testClient((_, n) => (n < 2 ? jsonReply(500, {}) : ok()), {
      random: () => 0.999_999,
    });
    const t1 = slow.time.clock.now();
    await slow.time.run(slow.client.listPipelines('loc_1'));
    expect(slow.time.clock.now() - t1).toBe(499 + 999); // base 500, then 1000
  });
});

describe('errors that are not retried', () => {
  it.each([
    [
      401,
      { statusCode: 401, message: 'Invalid JWT', error: 'Unauthorized' },
      'token_invalid',
      GhlTokenInvalidError,
    ],
    [
      401,
      { statusCode: 401, message: 'The token is not authorized for this scope.' },
      'scope_missing',
      GhlScopeMissingError,
    ],
    [
      401,
      { statusCode: 401, message: 'This location is not accessible from this token.' },
      'location_forbidden',
      GhlLocationForbiddenError,
    ],
    [
      403,
      { statusCode: 403, message: 'The token does not have access to this location.' },
      'location_forbidden',
      GhlLocationForbiddenError,
    ],
    [
      422,
      {
        statusCode: 422,
        message: ['pageLimit must be a number', 'locationId should not be empty'],
      },
      'request_rejected',
      GhlRequestRejectedError,
    ],
    [
      404,
      { status: 404, message: 'Order not found', name: 'HttpException' },
      'request_rejected',
      GhlRequestRejectedError,
    ],
  ] as const)('%i %j → %s', async (status, body, code, type) => {
    const { client, time, requests } = testClient(() =>
      jsonReply(status, { ...body, traceId: 'tr-1' }),
    );
    const error = await time.run(failure(client.listPipelines('loc_9')));
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({
      code,
      status,
      traceId: 'tr-1',
      endpoint: 'GET /opportunities/pipelines',
      locationId: 'loc_9',
      tokenKind: 'location',
    });
    expect(requests).toHaveLength(1);
    const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
    expect(error.ghlMessage).toBe(message);
    expect(error.message).toContain('GET /opportunities/pipelines for location loc_9');
    expect(error.message).toContain('tr-1');
  });

  it('daily budget 0 on a 429 fails at once; later calls on that bucket make no request', async () => {
    const { client, time, requests } = testClient(() =>
      jsonReply(429, { message: 'daily limit' }, rateHeaders(0, 0)),
    );
    const error = await time.run(failure(client.listPipelines('loc_1')));
    expect(error).toBeInstanceOf(GhlBudgetExhaustedError);
    expect(error).toMatchObject({
      code: 'budget_exhausted',
      status: 429,
      resetAt: '2026-01-02T00:00:00.000Z',
    });
    await expect(client.listPipelines('loc_1')).rejects.toBeInstanceOf(GhlBudgetExhaustedError);
    expect(requests).toHaveLength(1);
    // Another location has its own budget.
    await time.run(failure(client.listPipelines('loc_2')));
    expect(requests).toHaveLength(2);
  });

  it('takes the daily reset from Retry-After when the 429 carries one', async () => {
    const { client, time } = testClient(() =>
      jsonReply(429, {}, { ...rateHeaders(0, 0), 'retry-after': '3600' }),
    );
    const error = await time.run(failure(client.listPipelines('loc_1')));
    expect(error).toMatchObject({ code: 'budget_exhausted', resetAt: '2026-01-01T13:00:00.000Z' });
  });

  it('daily budget 0 on a success returns the data and stops the next call', async () => {
    const { client, requests } = testClient(() =>
      jsonReply(200, { pipelines: [] }, rateHeaders(50, 0)),
    );
    await expect(client.listPipelines('loc_1')).resolves.toEqual([]);
    await expect(client.listPipelines('loc_1')).rejects.toMatchObject({ code: 'budget_exhausted' });
    expect(requests).toHaveLength(1);
  });
});

describe('token redaction', () => {
  it('keeps tokens out of message, stack, JSON and enumerable fields, even when GHL echoes them', async () => {
    const echo = `Invalid token: ${LOCATION_TOKEN} (Bearer ${LOCATION_TOKEN})`;
    const { client, time, events } = testClient(() =>
      jsonReply(401, { statusCode: 401, message: echo }),
    );
    const error = await time.run(failure(client.listPipelines('loc_1')));
    expect(error.code).toBe('token_invalid');
    for (const text of [
      error.message,
      error.stack ?? '',
      JSON.stringify(error),
      JSON.stringify(events),
      String(error.ghlMessage),
    ]) {
      expect(text).not.toContain(LOCATION_TOKEN);
      expect(text).not.toContain(AGENCY_TOKEN);
    }
    expect(Object.values(error).join(' ')).not.toContain(LOCATION_TOKEN);
    expect(error.ghlMessage).toBe('Invalid token: [redacted] (Bearer [redacted])');
  });

  it('redacts arbitrary-looking tokens given by the resolver and network error text', async () => {
    const odd = 'opaque-token-without-prefix-1234';
    const { client, time } = testClient(() => new TypeError(`connect failed for ${odd}`), {
      credentials: {
        agencyToken: 'a'.repeat(10),
        companyId: 'c',
        tokenForLocation: async () => ({ token: odd, kind: 'location' }),
      },
      retry: { maxRetries: 0 },
    });
    const error = await time.run(failure(client.listPipelines('loc_1')));
    expect(error.code).toBe('upstream_unavailable');
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain(odd);
  });
});

import { describe, expect, it } from 'vitest';
import {
  bodyLimitFor,
  BODY_LIMITS,
  BodyTooLargeError,
  isDeclaredTooLarge,
  payloadTooLarge,
  readBodyWithLimit,
} from './body-limits';

/** A chunked body (no Content-Length) that would go on for `total` bytes, counting what was read. */
function endlessBody(total: number, chunk = 4096) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      sent += chunk;
      controller.enqueue(new Uint8Array(chunk).fill(97));
    },
  });
  return { stream, sent: () => sent };
}

describe('body limits', () => {
  it('picks the limit by path', () => {
    expect(bodyLimitFor('/api/auth/callback/credentials')).toBe(BODY_LIMITS.auth);
    expect(bodyLimitFor('/api/reports/locations')).toBe(BODY_LIMITS.api);
    expect(bodyLimitFor('/account')).toBe(BODY_LIMITS.action);
  });

  it('judges a declared Content-Length, and refuses one that is not a number', () => {
    expect(isDeclaredTooLarge(null, 10)).toBe(false);
    expect(isDeclaredTooLarge('10', 10)).toBe(false);
    expect(isDeclaredTooLarge('11', 10)).toBe(true);
    expect(isDeclaredTooLarge('-1', 10)).toBe(true);
    expect(isDeclaredTooLarge('1e9', 10)).toBe(true);
  });

  it('reads a small body whole', async () => {
    const request = new Request('http://x/', { method: 'POST', body: 'email=a&password=b' });
    expect(new TextDecoder().decode(await readBodyWithLimit(request, 64))).toBe(
      'email=a&password=b',
    );
  });

  it('stops a chunked 100 MB body after the limit instead of holding it all', async () => {
    const body = endlessBody(100 * 1024 * 1024);
    const request = new Request('http://x/', {
      method: 'POST',
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    await expect(readBodyWithLimit(request, BODY_LIMITS.auth)).rejects.toBeInstanceOf(
      BodyTooLargeError,
    );
    expect(body.sent()).toBeLessThan(BODY_LIMITS.auth + 3 * 4096);
  });

  it('answers 413 in the API error shape', async () => {
    const response = payloadTooLarge(BODY_LIMITS.auth);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: 'invalid_input', message: 'The request body is larger than 16 KB.' },
    });
  });
});

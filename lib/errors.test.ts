import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { notFound, redirect } from 'next/navigation';
import {
  AppError,
  ERROR_STATUS,
  errorFromResponse,
  INTERNAL_MESSAGE,
  invalidInput,
  isErrorBody,
} from '@/lib/errors';
import { EnvError } from '@/lib/env';
import { isWrappedRoute, route, toActionFailure, toErrorResponse } from '@/lib/handle-error';

// What an unexpected failure could carry: a connection string, a token, SQL, a stack.
const SECRET_TOKEN = 'pit-0123456789abcdef0123';
const surprise = () =>
  new Error(
    `connect failed for postgresql://app:hunter2-db-pass@10.0.0.7/pulse: ` +
      `SELECT password_hash FROM users; Authorization: Bearer ${SECRET_TOKEN}`,
  );

function captureLog() {
  return vi.spyOn(console, 'error').mockImplementation(() => {});
}
afterEach(() => {
  vi.restoreAllMocks();
});

describe('AppError and the wire shape', () => {
  it('maps every code to its HTTP status', () => {
    expect(ERROR_STATUS).toEqual({
      invalid_input: 400,
      unauthenticated: 401,
      forbidden: 403,
      not_found: 404,
      conflict: 409,
      rate_limited: 429,
      internal: 500,
      unavailable: 503,
    });
    expect(new AppError('rate_limited', 'slow down').status).toBe(429);
  });

  it('carries fields only when there are some', () => {
    expect(new AppError('not_found', 'No such location.').toDetail()).toEqual({
      code: 'not_found',
      message: 'No such location.',
    });
    expect(new AppError('invalid_input', 'x', { fields: {} }).toDetail()).not.toHaveProperty(
      'fields',
    );
  });

  it('turns a zod failure into one message per field, and whole-input problems into the message', () => {
    const schema = z
      .object({ name: z.string().min(2, 'too short'), age: z.number() })
      .refine((v) => v.name !== 'root', 'that name is reserved');
    const failed = schema.safeParse({ name: 'a', age: 'x' });
    expect(failed.success).toBe(false);
    const error = invalidInput(failed.error!);
    expect(error.code).toBe('invalid_input');
    expect(error.fields).toEqual({
      name: 'too short',
      age: expect.stringContaining('expected number'),
    });
    const whole = invalidInput(schema.safeParse({ name: 'root', age: 1 }).error!);
    expect(whole.message).toBe('that name is reserved');
    expect(whole.fields).toBeUndefined();
  });
});

describe('the browser reads the same shape', () => {
  it('keeps the server’s code, message and fields', () => {
    const body = {
      error: { code: 'invalid_input', message: 'Check it.', fields: { to: 'must be later' } },
    };
    expect(isErrorBody(body)).toBe(true);
    const error = errorFromResponse(400, body);
    expect(error).toBeInstanceOf(AppError);
    expect(error.toDetail()).toEqual(body.error);
  });

  it('falls back to a code from the status for any other body', () => {
    expect(isErrorBody({ error: { code: 'made_up', message: 'x' } })).toBe(false);
    expect(errorFromResponse(401, null).code).toBe('unauthenticated');
    expect(errorFromResponse(502, '<html>', 'Bad Gateway')).toMatchObject({
      code: 'unavailable',
      message: 'The server answered 502 Bad Gateway',
    });
    expect(errorFromResponse(500, null).code).toBe('internal');
    expect(errorFromResponse(418, null).code).toBe('invalid_input');
  });
});

describe('the server mapping', () => {
  it('answers an AppError with its status and shape, uncached, without logging it', async () => {
    const log = captureLog();
    const response = toErrorResponse(new AppError('forbidden', 'Admins only.'));
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await response.json()).toEqual({
      error: { code: 'forbidden', message: 'Admins only.' },
    });
    expect(log).not.toHaveBeenCalled();
  });

  it('answers an unexpected throw as `internal` with no internals, and logs it redacted', async () => {
    const log = captureLog();
    const response = toErrorResponse(surprise(), 'GET /api/x');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: INTERNAL_MESSAGE } });
    for (const leak of ['hunter2', 'SELECT', SECRET_TOKEN, 'postgresql', 'at ', 'Error'])
      expect(text).not.toContain(leak);

    expect(log).toHaveBeenCalledTimes(1);
    const line = String(log.mock.calls[0]?.[0]);
    expect(line).toContain('GET /api/x');
    expect(line).toContain('SELECT password_hash'); // the operator still learns what failed
    expect(line).not.toContain(SECRET_TOKEN);
    expect(line).not.toContain('hunter2');
    expect(line).toContain('postgresql://app:[redacted]@10.0.0.7/pulse');
    expect(line).toContain('Bearer [redacted]');
  });

  it('treats a thrown non-Error and a deep ZodError as internal too', async () => {
    captureLog();
    expect(toActionFailure('a string')).toEqual({
      ok: false,
      error: { code: 'internal', message: INTERNAL_MESSAGE },
    });
    const zodError = z.object({ a: z.string() }).safeParse({}).error;
    expect(toActionFailure(zodError).error.code).toBe('internal');
  });

  it('answers a missing setting as `unavailable` without naming it', async () => {
    captureLog();
    const response = toErrorResponse(new EnvError('DATABASE_URL is not set: …'));
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain('DATABASE_URL');
  });

  it('gives a server action the same error detail as a route', async () => {
    const error = new AppError('conflict', 'Changed meanwhile.');
    expect(toActionFailure(error)).toEqual({
      ok: false,
      error: (await toErrorResponse(error).json()).error,
    });
  });
});

describe('route()', () => {
  const request = new Request('http://127.0.0.1/api/thing?x=1');

  it('passes answers through and brands the handler', async () => {
    const handler = route(async () => Response.json({ fine: true }));
    expect(isWrappedRoute(handler)).toBe(true);
    expect(isWrappedRoute(async () => new Response())).toBe(false);
    expect(await (await handler(request)).json()).toEqual({ fine: true });
  });

  it('turns a throw into the JSON shape instead of an HTML 500', async () => {
    const log = captureLog();
    const response = await route(async () => {
      throw surprise();
    })(request);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: 'internal', message: INTERNAL_MESSAGE },
    });
    expect(String(log.mock.calls[0]?.[0])).toContain('GET /api/thing');
  });

  it('answers an AppError thrown by the handler with its own status', async () => {
    const response = await route(() => {
      throw new AppError('unauthenticated', 'Sign in to see reports.');
    })(request);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 'unauthenticated', message: 'Sign in to see reports.' },
    });
  });

  it("leaves Next's own control flow (notFound, redirect) to Next", async () => {
    await expect(route(() => notFound())(request)).rejects.toThrow();
    await expect(route(() => redirect('/login'))(request)).rejects.toThrow();
  });
});

import { AppError, type ErrorBody } from '@/lib/errors';

/**
 * How large a request body may be. The app takes small bodies only: the sign-in form (an email
 * and a password), server actions (a form or two), and GET requests with no body at all.
 */
export const BODY_LIMITS = {
  /** next-auth's endpoints: sign-in, sign-out, CSRF. */
  auth: 16 * 1024,
  /** Server actions (POST to a page). Next's own server-action limit is 1 MB; ours is lower. */
  action: 64 * 1024,
  /** Every other API route is read-only. */
  api: 16 * 1024,
  /** GHL webhooks (`/api/webhooks/`): one event each; orders carry items and a contact snapshot. */
  webhook: 256 * 1024,
} as const;

/** Which limit applies to a path. */
export function bodyLimitFor(pathname: string): number {
  if (pathname.startsWith('/api/auth/')) return BODY_LIMITS.auth;
  if (pathname.startsWith('/api/webhooks/')) return BODY_LIMITS.webhook;
  if (pathname.startsWith('/api/')) return BODY_LIMITS.api;
  return BODY_LIMITS.action;
}

/** The 413 answer in the API's error shape. */
export function payloadTooLarge(limit: number): Response {
  const body: ErrorBody = {
    error: {
      code: 'invalid_input',
      message: `The request body is larger than ${Math.round(limit / 1024)} KB.`,
    },
  };
  return Response.json(body, { status: 413, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * Whether a declared Content-Length is over the limit (or not a number at all). Requests without
 * one (chunked) are measured as they are read (`readBodyWithLimit`).
 */
export function isDeclaredTooLarge(contentLength: string | null, limit: number): boolean {
  if (contentLength === null) return false;
  if (!/^\d{1,15}$/.test(contentLength.trim())) return true;
  return Number(contentLength) > limit;
}

/** Thrown by readBodyWithLimit; the caller answers 413. */
export class BodyTooLargeError extends AppError {
  constructor(readonly limit: number) {
    super('invalid_input', `The request body is larger than ${Math.round(limit / 1024)} KB.`);
  }
}

/**
 * Reads a request body up to `limit` bytes and stops there: a larger one throws
 * BodyTooLargeError after at most `limit` bytes were held, however long the sender keeps going.
 */
export async function readBodyWithLimit(
  request: Request,
  limit: number,
): Promise<Uint8Array<ArrayBuffer>> {
  if (isDeclaredTooLarge(request.headers.get('content-length'), limit))
    throw new BodyTooLargeError(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

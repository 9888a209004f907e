import NextAuth from 'next-auth';
import { unstable_rethrow } from 'next/navigation';
import { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/auth-options';
import { AppError } from '@/lib/errors';
import { toErrorResponse } from '@/lib/handle-error';
import {
  BODY_LIMITS,
  BodyTooLargeError,
  payloadTooLarge,
  readBodyWithLimit,
} from '@/lib/http/body-limits';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * A POST's body read under the sign-in limit (413 beyond it, however the body is sent) and
 * handed on as a fresh request, so next-auth never buffers more than that; JSON that does not
 * parse is refused here rather than thrown inside next-auth.
 */
async function boundedRequest(request: NextRequest): Promise<NextRequest | Response> {
  if (request.method !== 'POST') return request;
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readBodyWithLimit(request, BODY_LIMITS.auth);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return payloadTooLarge(error.limit);
    throw error;
  }
  if (request.headers.get('content-type')?.includes('application/json')) {
    try {
      JSON.parse(new TextDecoder().decode(body));
    } catch {
      return toErrorResponse(new AppError('invalid_input', 'The request body is not valid JSON.'));
    }
  }
  return new NextRequest(request.url, { method: 'POST', headers: request.headers, body });
}

// next-auth v4's App Router handler; the options are built per request so a build needs no secret.
async function handler(request: NextRequest, context: Context): Promise<Response> {
  try {
    // next-auth answers a GET to a sign-in callback with a 500 ("not supported"): it is a 405.
    const [action] = (await context.params).nextauth ?? [];
    if (request.method === 'GET' && action === 'callback') {
      const response = toErrorResponse(
        new AppError('invalid_input', 'Sign in with a POST from the sign-in form.'),
      );
      return new Response(response.body, {
        status: 405,
        headers: { ...Object.fromEntries(response.headers), Allow: 'POST' },
      });
    }
    const bounded = await boundedRequest(request);
    if (bounded instanceof Response) return bounded;
    return (await NextAuth(bounded, context, authOptions())) as Response;
  } catch (error) {
    unstable_rethrow(error);
    // A missing secret or a surprise inside next-auth: the one error path, never an HTML 500.
    return toErrorResponse(error, `${request.method} /api/auth`);
  }
}

export { handler as GET, handler as POST };

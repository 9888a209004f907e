import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import type { ErrorBody } from '@/lib/errors';
import { bodyLimitFor, isDeclaredTooLarge, payloadTooLarge } from '@/lib/http/body-limits';
import {
  isAcceptableCallbackUrl,
  withoutBadCallbackCookies,
} from '@/lib/http/next-auth-callback-guard';
import { API_CSP, commonSecurityHeaders, pageCsp } from '@/lib/http/security-headers';

/**
 * Runs before every route (Next's Proxy, formerly middleware): refuses an oversized body with 413
 * before anything reads it, keeps callback URLs next-auth would choke on (a 500) away from it,
 * and sets the security headers — a nonce-based CSP for pages (lib/http/security-headers.ts), a
 * deny-all CSP for API responses, HSTS when the public URL is https. Thin on purpose: the rules
 * live in lib/http/.
 */
export function proxy(request: NextRequest) {
  const { pathname, origin, searchParams } = request.nextUrl;
  const isHttps = publicUrlIsHttps();
  const limit = bodyLimitFor(pathname);
  if (isDeclaredTooLarge(request.headers.get('content-length'), limit))
    return withHeaders(payloadTooLarge(limit), API_CSP, isHttps);

  // Next answers a path it cannot decode (`/locations/%FF`) with a bare 500; say 400 instead.
  if (!isDecodablePath(pathname))
    return withHeaders(badRequest('The address is not validly encoded.'), API_CSP, isHttps);

  const callbackUrl = searchParams.get('callbackUrl');
  if (
    pathname.startsWith('/api/auth/') &&
    callbackUrl &&
    (callbackUrl.length > 2048 || !isAcceptableCallbackUrl(callbackUrl, origin))
  )
    return withHeaders(
      // next-auth would echo it into a cookie and a Location header.
      badRequest('callbackUrl must be a path or an http(s) URL of at most 2048 characters.'),
      API_CSP,
      isHttps,
    );

  const requestHeaders = new Headers(request.headers);
  const cookies = withoutBadCallbackCookies(request.headers.get('cookie'), origin);
  if (cookies.dropped.length > 0) requestHeaders.set('cookie', cookies.header);

  let csp = API_CSP;
  if (!pathname.startsWith('/api/')) {
    const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
    csp = pageCsp({ nonce, isHttps, isDev: process.env.NODE_ENV === 'development' });
    // Next reads the nonce from the request's CSP and puts it on its own scripts.
    requestHeaders.set('Content-Security-Policy', csp);
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const name of cookies.dropped) response.cookies.delete(name);
  return withHeaders(response, csp, isHttps);
}

function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function badRequest(message: string): Response {
  const body: ErrorBody = { error: { code: 'invalid_input', message } };
  return Response.json(body, { status: 400, headers: { 'Cache-Control': 'no-store' } });
}

function withHeaders<R extends Response>(response: R, csp: string, isHttps: boolean): R {
  response.headers.set('Content-Security-Policy', csp);
  for (const [name, value] of Object.entries(commonSecurityHeaders(isHttps)))
    response.headers.set(name, value);
  return response;
}

/** NEXTAUTH_URL is https (a bad setting is reported where it is needed, not here). */
function publicUrlIsHttps(): boolean {
  try {
    return env().NEXTAUTH_URL?.startsWith('https://') ?? false;
  } catch {
    return false;
  }
}

export const config = {
  // Everything but the build's static files.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg).*)'],
};

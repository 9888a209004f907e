import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { bodyLimitFor, isDeclaredTooLarge, payloadTooLarge } from '@/lib/http/body-limits';
import { API_CSP, commonSecurityHeaders, pageCsp } from '@/lib/http/security-headers';

/**
 * Runs before every route (Next's Proxy, formerly middleware): refuses an oversized body with 413
 * before anything reads it, and sets the security headers — a nonce-based CSP for pages
 * (lib/http/security-headers.ts), a deny-all CSP for API responses, HSTS when the public URL is
 * https. Thin on purpose: the rules live in lib/http/.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const limit = bodyLimitFor(pathname);
  if (isDeclaredTooLarge(request.headers.get('content-length'), limit))
    return withHeaders(payloadTooLarge(limit), API_CSP);

  const isHttps = publicUrlIsHttps();
  if (pathname.startsWith('/api/')) return withHeaders(NextResponse.next(), API_CSP, isHttps);

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = pageCsp({ nonce, isHttps, isDev: process.env.NODE_ENV === 'development' });
  // Next reads the nonce from the request's CSP and puts it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', csp);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp, isHttps);
}

function withHeaders<R extends Response>(response: R, csp: string, isHttps = false): R {
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

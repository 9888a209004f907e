/**
 * The security headers every response carries (set by proxy.ts), as one pure function so a unit
 * test can read them. Pages get a Content-Security-Policy with a fresh nonce per request: Next
 * reads the nonce from the request's CSP header and puts it on its own scripts, so no other
 * inline script runs. API responses get a CSP that allows nothing (they are data, never a page).
 */

export type SecurityHeaderOptions = {
  /** A fresh random value per request (pages only). */
  nonce?: string;
  /** Whether the public URL is https (NEXTAUTH_URL): then HSTS, and upgrade-insecure-requests. */
  isHttps: boolean;
  /** `next dev` needs eval for React's debugging aids; never in production. */
  isDev: boolean;
};

/** The page CSP: scripts only with the nonce, nothing framed, forms and bases to ourselves. */
export function pageCsp({ nonce, isHttps, isDev }: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce ?? ''}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce ?? ''}'`,
    // Inline style attributes (charts, widths) cannot run code; style elements still need the nonce.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${isDev ? ' ws:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isHttps ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** An API response's CSP: it is never rendered as a page, so nothing may load or frame it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Every header besides the CSP, for pages and API responses alike. */
export function commonSecurityHeaders(isHttps: boolean): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    ...(isHttps ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

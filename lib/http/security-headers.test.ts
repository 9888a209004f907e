import { describe, expect, it } from 'vitest';
import { API_CSP, commonSecurityHeaders, pageCsp } from './security-headers';

describe('security headers', () => {
  it('lets only nonce-bearing scripts run on pages, frames nothing, and adds eval only in dev', () => {
    const csp = pageCsp({ nonce: 'abc123', isHttps: false, isDev: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(pageCsp({ nonce: 'n', isHttps: false, isDev: true })).toContain("'unsafe-eval'");
    expect(pageCsp({ nonce: 'n', isHttps: true, isDev: false })).toContain(
      'upgrade-insecure-requests',
    );
    expect(API_CSP).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('sends HSTS only when the public URL is https', () => {
    expect(commonSecurityHeaders(false)).not.toHaveProperty('Strict-Transport-Security');
    expect(commonSecurityHeaders(true)['Strict-Transport-Security']).toMatch(/^max-age=\d+/);
    expect(commonSecurityHeaders(false)).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
  });
});

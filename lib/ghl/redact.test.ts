import { describe, expect, it } from 'vitest';
import { redactSecrets, tokenFingerprint } from './redact';

const PIT = 'pit-3f2a9c1e-7b6d-4e5f-8a9b-0c1d2e3f4a5b';
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdXRoQ2xhc3MiOiJMb2NhdGlvbiJ9.c2lnbmF0dXJlLXBhcnQ';

describe('redactSecrets', () => {
  it('removes PITs, Bearer values and JWTs', () => {
    const text = `token ${PIT} header "Authorization: Bearer abc.def-123" jwt=${JWT}`;
    const out = redactSecrets(text);
    expect(out).not.toContain(PIT.slice(4));
    expect(out).not.toContain('abc.def-123');
    expect(out).not.toContain(JWT);
    expect(out).toBe(
      'token pit-[redacted] header "Authorization: Bearer [redacted]" jwt=[redacted-jwt]',
    );
  });

  it('removes given secrets verbatim, longest first, and ignores tiny or empty ones', () => {
    const out = redactSecrets('k=agency-token-demo and agency-token-demo-2 and a', [
      'agency-token-demo',
      'agency-token-demo-2',
      '',
      'a',
      undefined,
      null,
    ]);
    expect(out).toBe('k=[redacted] and [redacted] and a');
  });

  it('is idempotent', () => {
    const once = redactSecrets(`Bearer ${PIT} ${JWT}`, [PIT]);
    expect(redactSecrets(once, [PIT])).toBe(once);
    expect(once).toBe('Bearer [redacted] [redacted-jwt]');
  });

  it('leaves ordinary text alone', () => {
    const text = 'GET /contacts/search for location loc_1 failed (HTTP 502, traceId 9b2c-11)';
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('tokenFingerprint', () => {
  it('is a short, stable sha256 prefix that does not contain the token', () => {
    const fp = tokenFingerprint(PIT);
    expect(fp).toMatch(/^[0-9a-f]{12}$/);
    expect(tokenFingerprint(PIT)).toBe(fp);
    expect(tokenFingerprint(`${PIT}x`)).not.toBe(fp);
    // sha256("abc") = ba7816bf8f01cfea…
    expect(tokenFingerprint('abc')).toBe('ba7816bf8f01');
  });
});

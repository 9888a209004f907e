import { describe, expect, it } from 'vitest';
import { redactSecrets, tokenFingerprint } from '@/lib/redact';

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

describe('redactSecrets: partial and token-shaped secrets', () => {
  const BODY = PIT.slice(4); // the token without its `pit-` prefix, as an upstream echo had it

  it('removes a known token echoed without its prefix, or any 12+ character piece of it', () => {
    expect(redactSecrets(`invalid token ${BODY} for location`, [PIT])).toBe(
      'invalid token [redacted] for location',
    );
    const piece = PIT.slice(9, 21); // 12 characters from the middle
    expect(redactSecrets(`saw ${piece}!`, [PIT])).toBe('saw [redacted]!');
    expect(redactSecrets(`x${PIT.slice(5, 30)}y`, [PIT])).toBe('x[redacted]y');
  });

  it('leaves pieces shorter than 12 characters, and unrelated UUIDs such as trace ids', () => {
    const short = PIT.slice(9, 20); // 11 characters
    expect(redactSecrets(`saw ${short}`, [PIT])).toBe(`saw ${short}`);
    const trace = 'traceId 1b4e28ba-2fa1-41d2-883f-0016d3cca427';
    expect(redactSecrets(trace, [PIT])).toBe(trace);
    expect(redactSecrets('location ve9EPM428h8vShlRW1KT', [PIT])).toBe(
      'location ve9EPM428h8vShlRW1KT',
    );
  });

  it('removes labelled and long token-shaped values even when the token is not known', () => {
    expect(redactSecrets('{"access_token": "abcDEF123456xyz", "ok": 1}')).toBe(
      '{"access_token": "[redacted]", "ok": 1}',
    );
    expect(redactSecrets('retry with token=a1b2c3d4e5f6&x=1')).toBe(
      'retry with token=[redacted]&x=1',
    );
    expect(redactSecrets('key sk_live_4eC39HqLyjWDarjtT1zdp7dc used')).toBe('key [redacted] used');
    expect(redactSecrets('Authorization: Basic dXNlcjpwYXNzd29yZDEyMw==')).toBe(
      'Authorization: Basic [redacted]',
    );
  });
});

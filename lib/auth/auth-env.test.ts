import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv, requireAuthSecret } from '@/lib/env';

const secret = 'x'.repeat(32);

describe('auth settings in lib/env', () => {
  it('takes NEXTAUTH_SECRET, or AUTH_SECRET as an alias', () => {
    expect(requireAuthSecret(parseEnv({ NEXTAUTH_SECRET: secret }))).toBe(secret);
    expect(requireAuthSecret(parseEnv({ AUTH_SECRET: secret }))).toBe(secret);
  });

  it('explains how to make a secret when there is none', () => {
    expect(() => requireAuthSecret(parseEnv({}))).toThrow(EnvError);
    expect(() => requireAuthSecret(parseEnv({}))).toThrow(
      /NEXTAUTH_SECRET is not set.*openssl rand -base64 32/,
    );
  });

  it('refuses a short secret and a NEXTAUTH_URL that is not an http(s) URL, naming each', () => {
    expect(() => parseEnv({ NEXTAUTH_SECRET: 'short', NEXTAUTH_URL: 'localhost:3000' })).toThrow(
      /NEXTAUTH_SECRET: expected at least 32 random characters[\s\S]*NEXTAUTH_URL: expected the public http\(s\) URL/,
    );
    expect(parseEnv({ NEXTAUTH_URL: 'http://127.0.0.1:3100' }).NEXTAUTH_URL).toBe(
      'http://127.0.0.1:3100',
    );
    expect(parseEnv({ NEXTAUTH_URL: '' }).NEXTAUTH_URL).toBeUndefined();
  });
});

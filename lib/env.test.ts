import { describe, expect, it } from 'vitest';
import {
  EnvError,
  parseEnv,
  requireDatabaseUrl,
  requireEncryptionKey,
  requireGhlSettings,
} from './env';

describe('parseEnv', () => {
  it('applies defaults for everything optional', () => {
    const env = parseEnv({});
    expect(env.GHL_API_BASE_URL).toBe('https://services.leadconnectorhq.com');
    expect(env.SYNC_CONCURRENCY).toBe(16);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('names every malformed variable and what it expects', () => {
    const attempt = () =>
      parseEnv({
        DATABASE_URL: 'mysql://x',
        GHL_API_BASE_URL: 'not a url',
        SYNC_CONCURRENCY: 'lots',
        APP_ENCRYPTION_KEY: 'short',
      });
    expect(attempt).toThrow(EnvError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/DATABASE_URL: expected a PostgreSQL URL/);
      expect(message).toMatch(/GHL_API_BASE_URL: expected an http\(s\) URL/);
      expect(message).toMatch(/SYNC_CONCURRENCY: expected a whole number above 0, got "lots"/);
      expect(message).toMatch(/APP_ENCRYPTION_KEY: expected 32 random bytes/);
    }
  });

  it.each([
    'file:///etc/passwd',
    'http://services.leadconnectorhq.com',
    'http://10.0.0.7:4010',
    'ftp://127.0.0.1/',
    'https://user:secret@services.leadconnectorhq.com',
    'javascript:alert(1)',
  ])('refuses GHL_API_BASE_URL=%s, naming the variable', (value) => {
    expect(() => parseEnv({ GHL_API_BASE_URL: value })).toThrow(/GHL_API_BASE_URL: expected an/);
  });

  it.each([
    ['https://services.leadconnectorhq.com', 'https://services.leadconnectorhq.com'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://localhost:4010/', 'http://localhost:4010'],
  ])('accepts GHL_API_BASE_URL=%s', (value, expected) => {
    expect(parseEnv({ GHL_API_BASE_URL: value }).GHL_API_BASE_URL).toBe(expected);
  });

  it('strips a trailing slash from the API base URL', () => {
    expect(parseEnv({ GHL_API_BASE_URL: 'http://127.0.0.1:4010/' }).GHL_API_BASE_URL).toBe(
      'http://127.0.0.1:4010',
    );
  });
});

describe('require helpers', () => {
  it('accepts GHL_PIT as the agency token and requires the company id', () => {
    expect(requireGhlSettings(parseEnv({ GHL_PIT: 'tok', GHL_COMPANY_ID: 'c1' }))).toEqual({
      baseUrl: 'https://services.leadconnectorhq.com',
      agencyToken: 'tok',
      companyId: 'c1',
    });
    expect(() => requireGhlSettings(parseEnv({ GHL_PIT: 'tok' }))).toThrow(
      /GHL_COMPANY_ID is not set/,
    );
    expect(() => requireGhlSettings(parseEnv({ GHL_COMPANY_ID: 'c1' }))).toThrow(
      /Neither GHL_API_TOKEN nor GHL_OAUTH_CLIENT_ID is set/,
    );
  });

  it('explains how to get a database URL and an encryption key', () => {
    expect(() => requireDatabaseUrl(parseEnv({}))).toThrow(/DATABASE_URL is not set/);
    expect(() => requireEncryptionKey(parseEnv({}))).toThrow(/openssl rand -base64 32/);
    const key = Buffer.alloc(32, 7);
    expect(requireEncryptionKey(parseEnv({ APP_ENCRYPTION_KEY: key.toString('base64') }))).toEqual(
      key,
    );
    expect(requireEncryptionKey(parseEnv({ APP_ENCRYPTION_KEY: key.toString('hex') }))).toEqual(
      key,
    );
  });
});

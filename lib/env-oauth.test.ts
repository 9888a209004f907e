import { describe, expect, it } from 'vitest';
import {
  EnvError,
  GHL_AUTHORIZE_URL,
  oauthSettings,
  parseEnv,
  requireGhlSettings,
} from '@/lib/env';
import { redactSecrets } from '@/lib/redact';

const SECRET = 'oauth-client-secret-Zq81xY0p';
const FULL = {
  GHL_OAUTH_CLIENT_ID: 'app-client-id',
  GHL_OAUTH_CLIENT_SECRET: SECRET,
  GHL_OAUTH_REDIRECT_URL: 'https://pulse.example.com/api/oauth/callback',
};

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('GHL Marketplace app settings (GHL_OAUTH_*)', () => {
  it('none set: no OAuth; all set: the settings, with GHL’s authorize page by default', () => {
    expect(oauthSettings(parseEnv({}))).toBeNull();
    expect(oauthSettings(parseEnv(FULL))).toEqual({
      clientId: 'app-client-id',
      clientSecret: SECRET,
      redirectUrl: 'https://pulse.example.com/api/oauth/callback',
      authorizeUrl: GHL_AUTHORIZE_URL,
    });
    expect(
      oauthSettings(
        parseEnv({
          ...FULL,
          GHL_OAUTH_AUTHORIZE_URL: 'http://127.0.0.1:4010/v2/oauth/chooselocation',
        }),
      )?.authorizeUrl,
    ).toBe('http://127.0.0.1:4010/v2/oauth/chooselocation');
  });

  it('a partial setup names each missing variable and never echoes the secret', () => {
    const error = failure(() =>
      parseEnv({ GHL_OAUTH_CLIENT_ID: 'x', GHL_OAUTH_CLIENT_SECRET: SECRET }),
    );
    expect(error).toBeInstanceOf(EnvError);
    expect(error.message).toMatch(/GHL_OAUTH_REDIRECT_URL: is required when GHL_OAUTH_CLIENT_ID/);
    expect(error.message).not.toContain(SECRET);
    const onlySecret = failure(() => parseEnv({ GHL_OAUTH_CLIENT_SECRET: SECRET }));
    expect(onlySecret.message).toMatch(/GHL_OAUTH_CLIENT_ID: is required/);
    expect(onlySecret.message).toMatch(/GHL_OAUTH_REDIRECT_URL: is required/);
    expect(onlySecret.message).not.toContain(SECRET);
  });

  it('refuses a redirect URL that is not http(s) and a plain-http authorize page off this machine', () => {
    expect(
      failure(() => parseEnv({ ...FULL, GHL_OAUTH_REDIRECT_URL: 'javascript:alert(1)' })).message,
    ).toMatch(/GHL_OAUTH_REDIRECT_URL/);
    expect(
      failure(() => parseEnv({ ...FULL, GHL_OAUTH_AUTHORIZE_URL: 'http://evil.example/oauth' }))
        .message,
    ).toMatch(/GHL_OAUTH_AUTHORIZE_URL/);
  });

  it('the redaction removes a labelled client secret from free text', () => {
    expect(redactSecrets(`client_secret=${SECRET}&grant_type=refresh_token`)).not.toContain(SECRET);
    expect(redactSecrets(`{"client_secret": "${SECRET}"}`)).not.toContain(SECRET);
  });
});

describe('an install with the Marketplace app only (no agency PIT)', () => {
  it('validates and gives GHL settings without an agency token', () => {
    const settings = parseEnv({ ...FULL, GHL_COMPANY_ID: 'c1' });
    expect(requireGhlSettings(settings)).toEqual({
      baseUrl: 'https://services.leadconnectorhq.com',
      agencyToken: null,
      companyId: 'c1',
    });
    // The agency PIT still wins for discovery when both are set.
    expect(
      requireGhlSettings(parseEnv({ ...FULL, GHL_COMPANY_ID: 'c1', GHL_API_TOKEN: 'pit' })),
    ).toMatchObject({ agencyToken: 'pit' });
  });

  it('with neither, the error names both ways to connect', () => {
    const error = failure(() => requireGhlSettings(parseEnv({ GHL_COMPANY_ID: 'c1' })));
    expect(error).toBeInstanceOf(EnvError);
    expect(error.message).toMatch(/GHL_API_TOKEN/);
    expect(error.message).toMatch(
      /GHL_OAUTH_CLIENT_ID, GHL_OAUTH_CLIENT_SECRET and\s+GHL_OAUTH_REDIRECT_URL/,
    );
    expect(error.message).toMatch(/Settings → Connect GoHighLevel/);
  });
});

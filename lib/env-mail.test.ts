import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv, requireMailSettings } from '@/lib/env';

const PASSWORD = 's3cr3t-P@ss/word';
const smtpUrl = `smtps://reports%40example.com:${encodeURIComponent(PASSWORD)}@mail.example.com:2465`;

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('mail settings (SMTP_URL, MAIL_FROM, APP_URL)', () => {
  it('decodes the URL: TLS, port, credentials; APP_URL defaults to NEXTAUTH_URL', () => {
    const settings = requireMailSettings(
      parseEnv({
        SMTP_URL: smtpUrl,
        MAIL_FROM: 'Agency Pulse <reports@example.com>',
        NEXTAUTH_URL: 'https://pulse.example.com/',
      }),
    );
    expect(settings).toEqual({
      host: 'mail.example.com',
      port: 2465,
      secure: true,
      auth: { user: 'reports@example.com', pass: PASSWORD },
      from: 'Agency Pulse <reports@example.com>',
      appUrl: 'https://pulse.example.com',
    });
    const plain = requireMailSettings(
      parseEnv({
        SMTP_URL: 'smtp://127.0.0.1:2525',
        MAIL_FROM: 'reports@example.com',
        APP_URL: 'http://localhost:3000',
        NEXTAUTH_URL: 'https://elsewhere.example.com',
      }),
    );
    expect(plain).toMatchObject({ port: 2525, secure: false, appUrl: 'http://localhost:3000' });
    expect(plain.auth).toBeUndefined();
  });

  it('names a bad variable and never echoes the SMTP password', () => {
    const bad = failure(() =>
      parseEnv({
        SMTP_URL: `http://user:${PASSWORD}@mail.example.com`,
        MAIL_FROM: 'not a sender',
        APP_URL: 'ftp://x',
      }),
    );
    expect(bad).toBeInstanceOf(EnvError);
    expect(bad.message).toContain('SMTP_URL: expected smtp://host:port or smtps://host:port');
    expect(bad.message).toContain('MAIL_FROM: expected a sender');
    expect(bad.message).toContain('APP_URL: expected the public http(s) URL');
    expect(bad.message).not.toContain(PASSWORD);
    expect(bad.message).not.toContain('s3cr3t');
    expect(String(bad.stack)).not.toContain('s3cr3t');
  });

  it('says which variable is missing', () => {
    expect(failure(() => requireMailSettings(parseEnv({}))).message).toMatch(
      /^SMTP_URL is not set/,
    );
    expect(failure(() => requireMailSettings(parseEnv({ SMTP_URL: smtpUrl }))).message).toMatch(
      /^MAIL_FROM is not set/,
    );
    const noUrl = failure(() =>
      requireMailSettings(parseEnv({ SMTP_URL: smtpUrl, MAIL_FROM: 'a@example.com' })),
    );
    expect(noUrl.message).toMatch(/^APP_URL is not set/);
    expect(noUrl.message).not.toContain('s3cr3t');
  });
});

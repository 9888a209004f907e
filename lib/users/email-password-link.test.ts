import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { emailPasswordLink } from '@/lib/users/email-password-link';
import { startSmtpCatcher, type SmtpCatcher } from '@/tests/email/smtp-catcher';

const KEYS = ['SMTP_URL', 'MAIL_FROM', 'APP_URL'] as const;
const saved = Object.fromEntries(KEYS.map((key) => [key, process.env[key]]));
const link = {
  path: '/set-password#token=secret-token-for-the-test',
  expiresAt: new Date('2026-11-30T09:00:00Z'),
  purpose: 'invite' as const,
};
const ada = { email: 'ada@client.test', name: 'Ada' };

let smtp: SmtpCatcher;
beforeAll(async () => {
  smtp = await startSmtpCatcher({
    onRcptTo: async (address) =>
      address.startsWith('bounce')
        ? Object.assign(new Error('550 no such user'), { responseCode: 550 })
        : null,
  });
});
afterEach(() => {
  for (const key of KEYS)
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  resetEnvCache();
});
afterAll(async () => {
  await smtp.stop();
});

function configureSmtp() {
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  process.env.MAIL_FROM = 'Agency Pulse <reports@agency.test>';
  process.env.APP_URL = 'https://pulse.agency.test';
  resetEnvCache();
}

describe('emailing a set-password link', () => {
  it('sends the full link to the user only when SMTP is configured', async () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    expect(await emailPasswordLink(ada, link)).toBe(false);
    expect(smtp.messages).toHaveLength(0);

    configureSmtp();
    expect(await emailPasswordLink(ada, link)).toBe(true);
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.envelopeTo).toEqual(['ada@client.test']);
    expect(mail.parsed.subject).toBe('Set your Agency Pulse password');
    expect(mail.parsed.text).toContain(
      'https://pulse.agency.test/set-password#token=secret-token-for-the-test',
    );
    expect(mail.parsed.text).toContain('2026-11-30 09:00 UTC');
  });

  it('a refused recipient is logged without the link and does not throw', async () => {
    configureSmtp();
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await emailPasswordLink({ email: 'bounce@client.test', name: 'B' }, link)).toBe(false);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0])).toContain('550');
    expect(String(log.mock.calls[0])).not.toContain('secret-token');
    log.mockRestore();
  });
});

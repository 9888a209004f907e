import type { MailSettings } from '@/lib/env';

/**
 * A text with the SMTP password taken out (plain and URL-encoded), for anything that is stored,
 * logged or shown: errors from a mail server or a socket may quote what they were given.
 */
export function redactSmtpSecret(text: string, settings: Pick<MailSettings, 'auth'>): string {
  const password = settings.auth?.pass;
  if (!password) return text;
  let redacted = text;
  for (const form of new Set([
    password,
    encodeURIComponent(password),
    Buffer.from(password).toString('base64'),
  ])) {
    if (form) redacted = redacted.split(form).join('***');
  }
  return redacted;
}

import 'server-only';

import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { env, requireMailSettings } from '@/lib/env';
import { classifySmtpError } from '@/lib/reports/mail/classify-smtp-error';
import { redactSmtpSecret } from '@/lib/reports/mail/redact-smtp-secret';
import { sendSmtpMessage } from '@/lib/reports/mail/send-smtp-message';
import type { IssuedPasswordLink } from '@/lib/users/issue-password-link';

/**
 * Emails a one-time set-password link to the user it belongs to, when SMTP is configured
 * (SMTP_URL). Returns whether the server accepted it. Never throws: the admin is shown the link
 * either way, and a mail failure is logged with the server's reply (never the link, never the
 * SMTP password).
 */
export async function emailPasswordLink(
  to: { email: string; name: string },
  link: IssuedPasswordLink,
): Promise<boolean> {
  if (!env().SMTP_URL) return false;
  let settings;
  try {
    settings = requireMailSettings();
  } catch (error) {
    console.error(`[agency-pulse] set-password link not emailed: ${(error as Error).message}`);
    return false;
  }
  const url = `${settings.appUrl}${link.path}`;
  const until = `${link.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const opening =
    link.purpose === 'invite'
      ? `you have been added to Agency Pulse. Set your password here`
      : `a new password was requested for your Agency Pulse account. Set it here`;
  const text = `Hello ${to.name},\n\n${opening} (the link works once, until ${until}):\n\n${url}\n\nIf you did not expect this email, ask your agency admin.\n`;
  try {
    const raw = await new MailComposer({
      from: settings.from,
      to: to.email,
      subject:
        link.purpose === 'invite'
          ? 'Set your Agency Pulse password'
          : 'Reset your Agency Pulse password',
      text,
    })
      .compile()
      .build();
    const from = /<([^<>]+)>/.exec(settings.from)?.[1] ?? settings.from.trim();
    await sendSmtpMessage(settings, { from, to: [to.email], raw });
    return true;
  } catch (error) {
    const reply = redactSmtpSecret(classifySmtpError(error).reply, settings);
    console.error(`[agency-pulse] set-password link not emailed to ${to.email}: ${reply}`);
    return false;
  }
}

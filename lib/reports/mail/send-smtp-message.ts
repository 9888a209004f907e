import 'server-only';

import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import type { MailSettings } from '@/lib/env';

/** The server accepted the message (its final reply), and the recipients it refused, if any. */
export type SmtpAccepted = { response: string; accepted: string[]; rejected: string[] };

export type SmtpMessage = {
  /** Envelope sender: the address of MAIL_FROM. */
  from: string;
  to: readonly string[];
  /** The whole RFC 5322 message (headers and body). */
  raw: Buffer;
};

export type SmtpHooks = {
  /**
   * Awaited after the server took MAIL FROM, RCPT TO, DATA and the whole body, just before the
   * terminating "." that makes it accept the message. Whatever it records must be durable before
   * it resolves: a crash after this point may leave a sent message behind.
   */
  beforeCommit?: () => Promise<void>;
};

/** Timeouts of one SMTP conversation, in milliseconds. */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * A message body that holds back its end: the SMTP client pipes it only after DATA was accepted
 * (nodemailer's smtp-connection), and the client writes the terminating dot when it ends. So the
 * hook runs at the last moment before the server can accept the message.
 */
function bodyWithCommitPoint(raw: Buffer, beforeCommit: () => Promise<void>): Readable {
  let state: 'body' | 'committing' | 'done' = 'body';
  return new Readable({
    read() {
      if (state === 'body') {
        state = 'committing';
        this.push(raw);
        return;
      }
      if (state !== 'committing') return;
      state = 'done';
      beforeCommit().then(
        () => this.push(null),
        (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
}

/**
 * Sends one message over one SMTP connection (smtps:// is TLS from the start; smtp:// upgrades
 * with STARTTLS when offered), logging in when the settings carry credentials. Rejects with
 * nodemailer's SMTPError (`responseCode`, `response`, `code`) — classify it with
 * `classifySmtpError`. Never retries by itself.
 */
export async function sendSmtpMessage(
  settings: MailSettings,
  message: SmtpMessage,
  hooks: SmtpHooks = {},
): Promise<SmtpAccepted> {
  const connection = new SMTPConnection({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...TIMEOUTS,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      connection.once('error', reject);
      connection.connect(() => resolve());
    });
    if (settings.auth) {
      const auth = settings.auth;
      await new Promise<void>((resolve, reject) =>
        connection.login(auth, (error) => (error ? reject(error) : resolve())),
      );
    }
    const body = hooks.beforeCommit
      ? bodyWithCommitPoint(message.raw, hooks.beforeCommit)
      : message.raw;
    const info = await new Promise<SMTPConnection.SentMessageInfo>((resolve, reject) =>
      connection.send({ from: message.from, to: [...message.to] }, body, (error, sent) =>
        error ? reject(error) : resolve(sent),
      ),
    );
    return {
      response: info.response,
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
    };
  } finally {
    connection.removeAllListeners('error');
    connection.on('error', () => undefined);
    connection.quit();
    connection.close();
  }
}

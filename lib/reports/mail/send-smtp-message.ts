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
 * Idle SMTP connections, kept for the next message to the same server (a burst sends hundreds
 * one after another): no TCP handshake, greeting, EHLO or login per email. A connection waits at
 * most IDLE_MS, at most MAX_IDLE of them per server, and is dropped as soon as it errors or the
 * server closes it. Its socket is unref'd while idle, so it never keeps a process alive.
 */
const IDLE_MS = 5_000;
const MAX_IDLE = 16;
type Idle = { connection: SMTPConnection; timer: NodeJS.Timeout };
const idle = new Map<string, Idle[]>();

const poolKey = (settings: MailSettings) =>
  JSON.stringify([settings.host, settings.port, settings.secure, settings.auth ?? null]);

/**
 * Leaves one listener that ignores 'error': an error event with no listener would throw (and end
 * the process) between two steps; each step that cares listens for itself.
 */
function guard(connection: SMTPConnection): SMTPConnection {
  connection.removeAllListeners('error');
  connection.on('error', () => undefined);
  return connection;
}

function discard(connection: SMTPConnection): void {
  guard(connection);
  connection.quit();
  connection.close();
}

function takeIdle(key: string): SMTPConnection | null {
  const list = idle.get(key);
  const entry = list?.pop();
  if (!entry) return null;
  clearTimeout(entry.timer);
  guard(entry.connection);
  entry.connection.removeAllListeners('end');
  entry.connection._socket?.ref();
  return entry.connection;
}

function putIdle(key: string, connection: SMTPConnection): void {
  const list = idle.get(key) ?? [];
  if (list.length >= MAX_IDLE) return discard(connection);
  const drop = () => {
    const at = list.findIndex((entry) => entry.connection === connection);
    if (at >= 0) clearTimeout(list.splice(at, 1)[0]!.timer);
    discard(connection);
  };
  const timer = setTimeout(drop, IDLE_MS);
  timer.unref();
  connection.once('error', drop);
  connection.once('end', drop);
  connection._socket?.unref();
  list.push({ connection, timer });
  idle.set(key, list);
}

async function openConnection(settings: MailSettings): Promise<SMTPConnection> {
  const connection = guard(
    new SMTPConnection({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      ...TIMEOUTS,
    }),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      connection.once('error', reject);
      connection.connect(() => {
        connection.removeListener('error', reject);
        resolve();
      });
    });
    if (settings.auth) {
      const auth = settings.auth;
      await new Promise<void>((resolve, reject) =>
        connection.login(auth, (error) => (error ? reject(error) : resolve())),
      );
    }
    return connection;
  } catch (error) {
    discard(connection);
    throw error;
  }
}

function sendOn(
  connection: SMTPConnection,
  message: SmtpMessage,
  body: Buffer | Readable,
): Promise<SMTPConnection.SentMessageInfo> {
  return new Promise((resolve, reject) => {
    // A connection error (the socket closing) arrives as an event, not through send's callback.
    const onError = (error: Error) => reject(error);
    connection.once('error', onError);
    connection.send({ from: message.from, to: [...message.to] }, body, (error, sent) => {
      connection.removeListener('error', onError);
      if (error) reject(error);
      else resolve(sent);
    });
  });
}

/**
 * Sends one message (smtps:// is TLS from the start; smtp:// upgrades with STARTTLS when offered),
 * logging in when the settings carry credentials, on an idle connection to the same server when
 * there is one. A reused connection that fails before the commit point — nothing can have been
 * accepted — is replaced by a new one once, so a connection the server dropped while idle costs
 * no retry delay. Rejects with nodemailer's SMTPError (`responseCode`, `response`, `code`) —
 * classify it with `classifySmtpError`. Never retries a failure of its own connection.
 */
export async function sendSmtpMessage(
  settings: MailSettings,
  message: SmtpMessage,
  hooks: SmtpHooks = {},
): Promise<SmtpAccepted> {
  const key = poolKey(settings);
  let hasCommitStarted = false;
  const beforeCommit = hooks.beforeCommit;
  const commit = beforeCommit
    ? async () => {
        hasCommitStarted = true;
        await beforeCommit();
      }
    : null;
  for (let reused = takeIdle(key); ; reused = null) {
    const connection = reused ?? (await openConnection(settings));
    const body = commit ? bodyWithCommitPoint(message.raw, commit) : message.raw;
    let info: SMTPConnection.SentMessageInfo;
    try {
      info = await sendOn(connection, message, body);
    } catch (error) {
      discard(connection);
      const hasReply =
        typeof error === 'object' &&
        error !== null &&
        'responseCode' in error &&
        !!error.responseCode;
      if (reused && !hasCommitStarted && !hasReply) continue;
      throw error;
    }
    // Ready for the next message: RSET, then idle; a connection that cannot reset is dropped.
    connection.reset((error) => (error ? discard(connection) : putIdle(key, connection)));
    connection.once('end', () => discard(connection)); // closed before RSET was answered
    return {
      response: info.response,
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
    };
  }
}

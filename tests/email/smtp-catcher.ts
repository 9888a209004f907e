import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** A caught message: the envelope as the server saw it, the raw bytes and the parsed mail. */
export type CaughtMail = { envelopeTo: string[]; raw: Buffer; parsed: ParsedMail };

export type SmtpCatcher = {
  port: number;
  messages: CaughtMail[];
  stop(): Promise<void>;
};

export type CatcherOptions = {
  port?: number;
  /** Return an error (with responseCode) to refuse a recipient. */
  onRcptTo?: (address: string) => Promise<(Error & { responseCode?: number }) | null> | null;
  /** Require a login; the callback decides. */
  onAuth?: SMTPServerOptions['onAuth'];
};

/**
 * A real SMTP server on 127.0.0.1 (smtp-server; port 0 = any free port) that parses what it
 * accepts with mailparser. STARTTLS is off so plain smtp:// stays plain.
 */
export async function startSmtpCatcher(options: CatcherOptions = {}): Promise<SmtpCatcher> {
  const messages: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: !options.onAuth,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    ...(options.onAuth ? { onAuth: options.onAuth } : {}),
    onRcptTo(address, _session, callback) {
      const check = options.onRcptTo?.(address.address);
      if (!check) return callback();
      void check.then((error) => callback(error ?? undefined));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            messages.push({
              envelopeTo: session.envelope.rcptTo.map((a) => a.address),
              raw,
              parsed,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

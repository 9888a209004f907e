import 'server-only';
import { createPublicKey } from 'node:crypto';
import { z } from 'zod';

/**
 * Every setting Agency Pulse reads, validated once. This is the only module that reads
 * `process.env`; everything else asks it. Settings a command does not need may be absent:
 * the `require…` helpers fail with a message naming the variable and what it should hold.
 */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const positiveInt = (fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed <= 0) {
        ctx.addIssue({
          code: 'custom',
          message: `expected a whole number above 0, got "${value}"`,
        });
        return z.NEVER;
      }
      return parsed;
    });

/** Signs session cookies (JWT); long and random so a session cannot be forged. */
const authSecret = optionalString.pipe(
  z
    .string()
    .min(32, { message: 'expected at least 32 random characters (openssl rand -base64 32)' })
    .optional(),
);

/** smtp:// or smtps:// with a host; judged without ever echoing the value (it may hold a password). */
function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const MAILBOX = /^(?:[^<>]*<([^<>\s]+)>|([^<>\s]+))$/;

/** "reports@example.com" or "Agency Pulse <reports@example.com>". */
function isMailbox(value: string): boolean {
  const match = MAILBOX.exec(value.trim());
  const address = match?.[1] ?? match?.[2];
  return address !== undefined && z.email().safeParse(address).success;
}

/** GHL's Marketplace authorize page (docs/oauth/Authorization.md upstream). */
export const GHL_AUTHORIZE_URL = 'https://marketplace.gohighlevel.com/v2/oauth/chooselocation';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        'expected a PostgreSQL URL such as postgresql://user@host:5432/db',
      )
      .optional(),
  ),
  GHL_API_BASE_URL: z
    .string()
    .trim()
    .default('https://services.leadconnectorhq.com')
    .pipe(
      z.url({ message: 'expected an http(s) URL such as https://services.leadconnectorhq.com' }),
    )
    // The agency token travels to this URL: https only, plain http just for a local simulator.
    .refine(isSafeApiBaseUrl, {
      message:
        'expected an https URL such as https://services.leadconnectorhq.com ' +
        '(http only for localhost or 127.0.0.1, e.g. the simulator)',
    })
    .transform((url) => url.replace(/\/+$/, '')),
  GHL_API_TOKEN: optionalString,
  GHL_PIT: optionalString,
  GHL_COMPANY_ID: optionalString,
  APP_ENCRYPTION_KEY: optionalString.pipe(
    z
      .string()
      .refine((key) => decodeKey(key)?.length === 32, {
        message:
          'expected 32 random bytes as 64 hex characters or base64 (openssl rand -base64 32)',
      })
      .optional(),
  ),
  // Only while rotating the key: `location-token re-encrypt` reads tokens with this one.
  APP_ENCRYPTION_KEY_PREVIOUS: optionalString.pipe(
    z
      .string()
      .refine((key) => decodeKey(key)?.length === 32, {
        message:
          'expected 32 random bytes as 64 hex characters or base64 (openssl rand -base64 32)',
      })
      .optional(),
  ),
  // Locations, not requests: each location has its own GHL budget, so this is bounded by latency,
  // CPU and database connections (each location in flight holds one for its advisory lock).
  SYNC_CONCURRENCY: positiveInt(16),
  SYNC_INCREMENTAL_EVERY_MINUTES: positiveInt(15),
  SYNC_FULL_CRON: z.string().trim().default('0 3 * * *'),
  // Tiered incremental (docs/sync.md): transactions created in the last N days are re-read every
  // incremental run; older ones are reconciled by the nightly full.
  SYNC_RECENT_PAYMENTS_DAYS: positiveInt(45),
  // GHL webhooks (docs/sync.md, "Webhooks"): the RSA public key that verifies `x-wh-signature`
  // (PEM; `\n` escapes allowed). Unset = GHL's published key (lib/webhooks/ghl-public-key.ts).
  GHL_WEBHOOK_PUBLIC_KEY: optionalString.pipe(
    z
      .string()
      .transform((pem) => pem.replace(/\\n/g, '\n'))
      .refine(isPublicKey, {
        message: 'expected an RSA public key in PEM form (-----BEGIN PUBLIC KEY----- …)',
      })
      .optional(),
  ),
  // An event whose `timestamp` is further than this from now is refused (replays).
  GHL_WEBHOOK_REPLAY_WINDOW_SECONDS: positiveInt(300),
  // A hint's re-read waits this long, so the several events GHL sends for one edit (and quick
  // successive edits) of a record cost one request: a record has at most one waiting re-read.
  GHL_WEBHOOK_COALESCE_SECONDS: positiveInt(5),
  // On only behind one reverse proxy that appends the client address to X-Forwarded-For: the
  // per-address sign-in budget then reads the header's last entry (lib/auth/client-address.ts).
  TRUSTED_PROXY: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .pipe(
      z
        .enum(['', 'true', 'false', '1', '0'], { message: 'expected true or false' })
        .optional()
        .transform((value) => value === 'true' || value === '1'),
    ),
  NEXTAUTH_SECRET: authSecret,
  AUTH_SECRET: authSecret,
  NEXTAUTH_URL: optionalString.pipe(
    z
      .url({
        protocol: /^https?$/,
        message: 'expected the public http(s) URL of the app, such as https://pulse.example.com',
      })
      .optional(),
  ),
  // Scheduled email reports (docs/email.md). The URL may carry a password: no message echoes it.
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .refine(isSmtpUrl, {
        message:
          'expected smtp://host:port or smtps://host:port, optionally with user:password@ before the host',
      })
      .optional(),
  ),
  MAIL_FROM: optionalString.pipe(
    z
      .string()
      .refine(isMailbox, {
        message:
          'expected a sender such as reports@example.com or "Agency Pulse <reports@example.com>"',
      })
      .optional(),
  ),
  /** Links in emails point here; defaults to NEXTAUTH_URL. */
  APP_URL: optionalString.pipe(
    z
      .url({
        protocol: /^https?$/,
        message: 'expected the public http(s) URL of the app, such as https://pulse.example.com',
      })
      .optional(),
  ),
  // The GHL Marketplace app (docs/sync.md, "Connect once"): all three or none. The secret is
  // never echoed by a message.
  GHL_OAUTH_CLIENT_ID: optionalString,
  GHL_OAUTH_CLIENT_SECRET: optionalString,
  GHL_OAUTH_REDIRECT_URL: optionalString.pipe(
    z
      .url({
        protocol: /^https?$/,
        message:
          "expected the public URL of this app's callback, such as https://pulse.example.com/api/oauth/callback",
      })
      .optional(),
  ),
  GHL_OAUTH_AUTHORIZE_URL: z
    .string()
    .trim()
    .default(GHL_AUTHORIZE_URL)
    .pipe(z.url({ message: `expected an http(s) URL such as ${GHL_AUTHORIZE_URL}` }))
    .refine(isSafeApiBaseUrl, {
      message: `expected an https URL such as ${GHL_AUTHORIZE_URL} (http only for localhost or 127.0.0.1, e.g. the simulator)`,
    }),
});

/** The three GHL_OAUTH_* settings that come together (the authorize URL has a default). */
const OAUTH_VARIABLES = [
  'GHL_OAUTH_CLIENT_ID',
  'GHL_OAUTH_CLIENT_SECRET',
  'GHL_OAUTH_REDIRECT_URL',
] as const;

/** All-or-none: a partial OAuth setup names each missing variable. */
const envSchemaChecked = envSchema.superRefine((value, ctx) => {
  const given = OAUTH_VARIABLES.filter((name) => value[name] !== undefined);
  if (given.length === 0 || given.length === OAUTH_VARIABLES.length) return;
  for (const name of OAUTH_VARIABLES)
    if (value[name] === undefined)
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `is required when ${given.join(' and ')} ${given.length > 1 ? 'are' : 'is'} set (the GHL Marketplace app needs ${OAUTH_VARIABLES.join(', ')}, or none of them)`,
      });
});

export type Env = z.infer<typeof envSchema>;

/** https anywhere; http only to this machine (localhost, 127.0.0.1); no credentials in the URL. */
function isSafeApiBaseUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return true; // z.url() has already said why
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname);
}

function isPublicKey(pem: string): boolean {
  try {
    return createPublicKey(pem).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}

/** Raised when configuration is missing or malformed; the message names the variable. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** Decodes APP_ENCRYPTION_KEY (hex or base64) to bytes, or undefined when it is neither. */
export function decodeKey(key: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(key)) return Buffer.from(key, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(key)) return Buffer.from(key, 'base64');
  return undefined;
}

/** Parses a given environment (tests pass their own); throws EnvError listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchemaChecked.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`,
  );
  throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
}

let cached: Env | undefined;

/** The validated process environment, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Forgets the parsed environment (scripts that set variables after start-up call this). */
export function resetEnvCache(): void {
  cached = undefined;
}

/** DATABASE_URL, or an EnvError saying how to get one. */
export function requireDatabaseUrl(source: Env = env()): string {
  if (source.DATABASE_URL) return source.DATABASE_URL;
  throw new EnvError(
    'DATABASE_URL is not set: expected a PostgreSQL URL (postgresql://user@host:5432/db). ' +
      '`npm run demo` and the test command start a local server and set it for you.',
  );
}

export type GhlSettings = {
  baseUrl: string;
  /**
   * The agency Private Integration Token (GHL_API_TOKEN or GHL_PIT), or null when the install
   * connects through the Marketplace app only (GHL_OAUTH_*): discovery then uses the OAuth agency
   * (Company) token.
   */
  agencyToken: string | null;
  companyId: string;
};

/**
 * The agency credentials for talking to GHL, or an EnvError naming what is missing: the company id,
 * and an agency PIT or the Marketplace app (GHL_OAUTH_*) — one of the two.
 */
export function requireGhlSettings(source: Env = env()): GhlSettings {
  const agencyToken = source.GHL_API_TOKEN ?? source.GHL_PIT ?? null;
  if (!agencyToken && !oauthSettings(source)) {
    throw new EnvError(
      'Neither GHL_API_TOKEN nor GHL_OAUTH_CLIENT_ID is set: connect GoHighLevel one of two ways. ' +
        '(1) The Marketplace app (recommended): set GHL_OAUTH_CLIENT_ID, GHL_OAUTH_CLIENT_SECRET and ' +
        'GHL_OAUTH_REDIRECT_URL, then connect under Settings → Connect GoHighLevel. ' +
        '(2) An agency Private Integration Token: set GHL_API_TOKEN (Agency Settings → Private ' +
        'Integrations, scope locations.readonly; GHL_PIT is accepted too).',
    );
  }
  if (!source.GHL_COMPANY_ID) {
    throw new EnvError(
      'GHL_COMPANY_ID is not set: expected your agency (company) id, shown in Agency Settings → Company.',
    );
  }
  return { baseUrl: source.GHL_API_BASE_URL, agencyToken, companyId: source.GHL_COMPANY_ID };
}

/** APP_ENCRYPTION_KEY_PREVIOUS (key rotation), or an EnvError saying what it is for. */
export function requirePreviousEncryptionKey(source: Env = env()): Buffer {
  const key = source.APP_ENCRYPTION_KEY_PREVIOUS
    ? decodeKey(source.APP_ENCRYPTION_KEY_PREVIOUS)
    : undefined;
  if (key?.length === 32) return key;
  throw new EnvError(
    'APP_ENCRYPTION_KEY_PREVIOUS is not set: to rotate the key, set it to the old key and ' +
      'APP_ENCRYPTION_KEY to the new one, then run: npm run cli -- location-token re-encrypt',
  );
}

/** The 32-byte key that encrypts stored location tokens, or an EnvError. */
export function requireEncryptionKey(source: Env = env()): Buffer {
  const key = source.APP_ENCRYPTION_KEY ? decodeKey(source.APP_ENCRYPTION_KEY) : undefined;
  if (key?.length === 32) return key;
  throw new EnvError(
    'APP_ENCRYPTION_KEY is not set: expected 32 random bytes as hex or base64 ' +
      '(generate one with: openssl rand -base64 32). It encrypts stored location tokens.',
  );
}

/**
 * The secret that signs session cookies: NEXTAUTH_SECRET, or AUTH_SECRET as an alias. An EnvError
 * says how to make one; sign-in is refused without it (next-auth would refuse in production too).
 */
export function requireAuthSecret(source: Env = env()): string {
  const secret = source.NEXTAUTH_SECRET ?? source.AUTH_SECRET;
  if (secret) return secret;
  throw new EnvError(
    'NEXTAUTH_SECRET is not set: expected at least 32 random characters that sign session cookies ' +
      '(generate one with: openssl rand -base64 32). AUTH_SECRET is accepted too.',
  );
}

/** Where and as whom scheduled reports are sent. `password` never leaves lib/reports/mail. */
export type MailSettings = {
  host: string;
  port: number;
  /** smtps:// (TLS from the first byte); smtp:// may still upgrade with STARTTLS. */
  secure: boolean;
  auth?: { user: string; pass: string };
  from: string;
  /** The dashboard's public URL, no trailing slash: links in emails. */
  appUrl: string;
};

/**
 * SMTP_URL, MAIL_FROM and APP_URL (or NEXTAUTH_URL) as mail settings, or an EnvError naming the
 * missing variable. The password is decoded from the URL and appears in no message.
 */
export function requireMailSettings(source: Env = env()): MailSettings {
  if (!source.SMTP_URL) {
    throw new EnvError(
      'SMTP_URL is not set: expected smtp://host:port or smtps://host:port (with user:password@ ' +
        'before the host when the server wants a login). `npm run demo` runs a local catcher.',
    );
  }
  if (!source.MAIL_FROM) {
    throw new EnvError(
      'MAIL_FROM is not set: expected the sender of report emails, such as "Agency Pulse <reports@example.com>".',
    );
  }
  const appUrl = source.APP_URL ?? source.NEXTAUTH_URL;
  if (!appUrl) {
    throw new EnvError(
      'APP_URL is not set (nor NEXTAUTH_URL): expected the public http(s) URL of the dashboard, for links in emails.',
    );
  }
  const url = new URL(source.SMTP_URL);
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username);
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass: decodeURIComponent(url.password) } } : {}),
    from: source.MAIL_FROM,
    appUrl: appUrl.replace(/\/+$/, ''),
  };
}

/** The GHL Marketplace app (client id, secret, redirect and authorize URLs). */
export type OAuthSettings = {
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  authorizeUrl: string;
};

/**
 * The Marketplace app's settings, or null when none of GHL_OAUTH_* is set (the app then connects
 * with PITs only). A partial setup never gets here: parseEnv refuses it, naming the variable.
 */
export function oauthSettings(source: Env = env()): OAuthSettings | null {
  const { GHL_OAUTH_CLIENT_ID, GHL_OAUTH_CLIENT_SECRET, GHL_OAUTH_REDIRECT_URL } = source;
  if (!GHL_OAUTH_CLIENT_ID || !GHL_OAUTH_CLIENT_SECRET || !GHL_OAUTH_REDIRECT_URL) return null;
  return {
    clientId: GHL_OAUTH_CLIENT_ID,
    clientSecret: GHL_OAUTH_CLIENT_SECRET,
    redirectUrl: GHL_OAUTH_REDIRECT_URL,
    authorizeUrl: source.GHL_OAUTH_AUTHORIZE_URL,
  };
}

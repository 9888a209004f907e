import type { LoggerInstance } from 'next-auth';
import { redactSecrets } from '@/lib/redact';

/** One line, at most 200 characters, redacted: what went wrong, never a stack. */
function shortLine(metadata: unknown): string {
  const error =
    metadata instanceof Error
      ? metadata
      : (metadata as { error?: unknown } | null)?.error instanceof Error
        ? (metadata as { error: Error }).error
        : null;
  const text = error
    ? [error.name, error.message].filter(Boolean).join(': ')
    : String(metadata ?? '');
  return redactSecrets(text.split('\n')[0] ?? '').slice(0, 200);
}

/**
 * next-auth's logger: a garbage session cookie or a bad callback URL is a client's doing, worth
 * one short line ("next-auth JWT_SESSION_ERROR: Invalid Compact JWE"), not a stack trace per
 * request. Debug output is dropped.
 */
export const nextAuthLogger: Partial<LoggerInstance> = {
  error(code, metadata) {
    console.error(`[agency-pulse] next-auth ${code}: ${shortLine(metadata)}`);
  },
  warn(code) {
    console.warn(`[agency-pulse] next-auth warning ${code}`);
  },
  debug() {},
};

import type { z } from 'zod';

/** A payload that does not fit its job's schema: retrying the same data cannot help. */
export class JobPayloadError extends Error {
  override name = 'JobPayloadError';
  readonly isRetryable = false;
  constructor(
    readonly jobName: string,
    readonly issues: z.core.$ZodIssue[],
  ) {
    const lines = issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
    super(`Invalid payload for job "${jobName}": ${lines.join('; ')}`);
  }
}

/**
 * Whether a failed job is worth running again. Errors say so themselves with `isRetryable`
 * (GhlError does: a rejected token or a malformed payload stays so, an unavailable upstream may
 * come back); anything else — a database hiccup, a worker shutdown mid-job — is retried.
 */
export function isRetryableJobError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('isRetryable' in error)) return true;
  return error.isRetryable !== false;
}

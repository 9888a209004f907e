import type { z } from 'zod';

/**
 * The application's errors and their one wire shape, `{ error: { code, message, fields? } }`,
 * shared by route handlers, server actions and the browser. Nothing here touches the server
 * (no logging, no secrets), so client components import it too; turning an unexpected throw into
 * `internal` and logging it is lib/handle-error.ts's job.
 */
export const ERROR_STATUS = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Per-field messages for a form or a query string: `{ newPassword: 'expected at least …' }`. */
export type FieldErrors = Record<string, string>;

export type ErrorDetail = { code: ErrorCode; message: string; fields?: FieldErrors };

/** The JSON body of every failed API call and the `error` of every failed server action. */
export type ErrorBody = { error: ErrorDetail };

/** The message users see for `internal`: never the thrown error's own text. */
export const INTERNAL_MESSAGE = 'Something went wrong on our side. Try again in a moment.';

/**
 * An expected failure with a code users may see (its message is shown as is, so it must not
 * carry internals). Thrown by lib/ and route code; the browser gets one back from `fetchJson`.
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly fields?: FieldErrors;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { fields?: FieldErrors; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    if (options.fields && Object.keys(options.fields).length > 0) this.fields = options.fields;
  }

  /** The HTTP status for this code. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** The wire shape (`fields` only when there are some). */
  toDetail(): ErrorDetail {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}

/** Whether a parsed JSON body is the API's error shape. */
export function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return isErrorCode(error?.code) && typeof error.message === 'string';
}

/** The code for an HTTP status when the body is not ours (a proxy's page, an empty answer). */
export function codeForStatus(status: number): ErrorCode {
  const known = (Object.keys(ERROR_STATUS) as ErrorCode[]).find((c) => ERROR_STATUS[c] === status);
  if (known) return known;
  if (status >= 500) return status === 502 || status === 504 ? 'unavailable' : 'internal';
  return 'invalid_input';
}

/**
 * The AppError for a failed HTTP answer, as the browser reads it: the server's own code, message
 * and fields when the body is the API's shape, otherwise a code from the status.
 */
export function errorFromResponse(status: number, body: unknown, statusText = ''): AppError {
  if (isErrorBody(body)) {
    const { code, message, fields } = body.error;
    return new AppError(code, message, { fields });
  }
  return new AppError(codeForStatus(status), `The server answered ${status} ${statusText}`.trim());
}

/**
 * `invalid_input` from a zod failure: one message per field (the first), keyed by the dotted
 * path; problems with the whole input go into the message.
 */
export function invalidInput(
  error: z.ZodError,
  message = 'Check the highlighted fields.',
): AppError {
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    if (key === '') general.push(issue.message);
    else fields[key] ??= issue.message;
  }
  return new AppError('invalid_input', general.length > 0 ? general.join('; ') : message, {
    fields,
  });
}

import 'server-only';

import { unstable_rethrow } from 'next/navigation';
import { AppError, INTERNAL_MESSAGE, type ErrorBody, type ErrorDetail } from '@/lib/errors';
import { env, EnvError } from '@/lib/env';
import { redactSecrets } from '@/lib/redact';

/**
 * The server half of the one error path (lib/errors.ts is the half the browser shares): any
 * throw becomes an AppError, and from there either an HTTP JSON response (`toErrorResponse`,
 * `route`) or a server action's failed result (`toActionFailure`). An AppError passes through as
 * it is; anything else is logged here, redacted, and leaves as `internal` with a generic message —
 * never its text, stack, SQL or a token. A ZodError is not special: zod failing deep inside is a
 * bug, not bad input; validating input at the edge turns it into `invalidInput` explicitly.
 */

/** Literal secrets to remove from logged errors, besides the patterns redactSecrets knows. */
function configuredSecrets(): string[] {
  try {
    const e = env();
    const databasePassword = e.DATABASE_URL ? new URL(e.DATABASE_URL).password : '';
    return [
      e.NEXTAUTH_SECRET,
      e.AUTH_SECRET,
      e.GHL_API_TOKEN,
      e.GHL_PIT,
      e.APP_ENCRYPTION_KEY,
      databasePassword ? decodeURIComponent(databasePassword) : undefined,
      databasePassword,
    ].filter((value): value is string => Boolean(value));
  } catch {
    return [];
  }
}

/** `scheme://user:password@host` as drivers print connection strings: the password goes. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@\s]+@/gi;

/**
 * Writes an unexpected error to the server log with credentials removed: tokens and JWTs
 * (lib/ghl/redact.ts), the configured secrets, and passwords inside URLs.
 */
export function logUnexpectedError(where: string, error: unknown): void {
  const detail =
    error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  const redacted = redactSecrets(detail, configuredSecrets()).replace(
    URL_PASSWORD,
    '$1[redacted]@',
  );
  console.error(`[agency-pulse] ${where}: ${redacted}`);
}

/**
 * Any thrown value as an AppError. `where` names the route or action in the log line. A missing
 * setting (EnvError) is `unavailable`; everything unexpected is `internal`; both are logged.
 */
export function toAppError(error: unknown, where: string): AppError {
  if (error instanceof AppError) return error;
  logUnexpectedError(where, error);
  if (error instanceof EnvError)
    return new AppError('unavailable', 'The server is not fully configured yet. Ask an admin.');
  return new AppError('internal', INTERNAL_MESSAGE);
}

/** The JSON response for any thrown value; never cached (it may depend on who asked). */
export function toErrorResponse(error: unknown, where = 'route'): Response {
  const appError = toAppError(error, where);
  const body: ErrorBody = { error: appError.toDetail() };
  return Response.json(body, {
    status: appError.status,
    headers: { 'Cache-Control': 'private, no-store' },
  });
}

/** A server action's failed result for any thrown value. */
export function toActionFailure(
  error: unknown,
  where = 'action',
): { ok: false; error: ErrorDetail } {
  return { ok: false, error: toAppError(error, where).toDetail() };
}

const ROUTE_BRAND = Symbol.for('agency-pulse.route');

/**
 * Wraps a route handler in the one error path: whatever it throws (an AppError or a surprise)
 * becomes the JSON error shape instead of Next's HTML 500. Next's own control-flow throws
 * (`notFound()`, `redirect()`) still reach Next. The wrapper is branded, so a test can check that
 * every handler under app/api uses it.
 */
export function route<Context = unknown>(
  handler: (request: Request, context: Context) => Response | Promise<Response>,
): (request: Request, context?: Context) => Promise<Response> {
  // Next always passes the context; tests may leave it out for handlers that do not read it.
  const wrapped = async (request: Request, context?: Context): Promise<Response> => {
    try {
      return await handler(request, context as Context);
    } catch (error) {
      unstable_rethrow(error);
      return toErrorResponse(error, `${request.method} ${new URL(request.url).pathname}`);
    }
  };
  Object.defineProperty(wrapped, ROUTE_BRAND, { value: true });
  return wrapped;
}

/** Whether a route export was built with `route()`. */
export function isWrappedRoute(value: unknown): boolean {
  return (
    typeof value === 'function' && (value as { [ROUTE_BRAND]?: boolean })[ROUTE_BRAND] === true
  );
}

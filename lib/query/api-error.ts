/**
 * The one error shape of the JSON API (`{ error: { code, message } }`), written by route
 * handlers with `jsonError` and raised on the client as `ApiError` by `fetchJson`.
 */
export type ApiErrorCode = 'unauthenticated' | 'bad_request' | 'not_found' | 'server_error';

export type ApiErrorBody = { error: { code: ApiErrorCode; message: string } };

/** A JSON error response; never cached (it may depend on who asked). */
export function jsonError(status: number, code: ApiErrorCode, message: string): Response {
  const body: ApiErrorBody = { error: { code, message } };
  return Response.json(body, { status, headers: { 'Cache-Control': 'private, no-store' } });
}

/** A failed API call as the client sees it: HTTP status, error code and a readable message. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

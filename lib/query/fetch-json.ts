import { ApiError, type ApiErrorBody } from '@/lib/query/api-error';

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/**
 * GETs a same-origin JSON endpoint for react-query. Non-2xx answers become an ApiError carrying
 * the server's code and message (or a generic one when the body is not the API's error shape).
 */
export async function fetchJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, {
    signal,
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
  });
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as T;
  if (isApiErrorBody(body))
    throw new ApiError(response.status, body.error.code, body.error.message);
  throw new ApiError(
    response.status,
    response.status === 401 ? 'unauthenticated' : 'server_error',
    `The server answered ${response.status} ${response.statusText || ''}`.trim(),
  );
}

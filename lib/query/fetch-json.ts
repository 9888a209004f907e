import { errorFromResponse } from '@/lib/errors';

/**
 * GETs a same-origin JSON endpoint for react-query. Non-2xx answers become an AppError carrying
 * the server's code, message and fields (lib/errors.ts), or a code from the status when the body
 * is not the API's error shape.
 */
export async function fetchJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, {
    signal,
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
  });
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as T;
  throw errorFromResponse(response.status, body, response.statusText);
}

/** Longer paths are dropped: a redirect carrying one would overflow headers (and no page needs it). */
export const MAX_CALLBACK_PATH = 2048;

/**
 * Where to go after signing in: only a path on this site (`/…`), never another origin
 * (`//evil.example`, `/\evil.example`, `https://…`), so /login cannot be used as an open redirect.
 */
export function safeCallbackPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
  if (value.length > MAX_CALLBACK_PATH) return fallback;
  if (value.startsWith('//') || value.startsWith('/\\') || /[\u0000-\u001f]/.test(value))
    return fallback;
  try {
    const url = new URL(value, 'http://agency-pulse.invalid');
    if (url.origin !== 'http://agency-pulse.invalid') return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

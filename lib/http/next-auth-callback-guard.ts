/**
 * next-auth refuses a callback URL that is not http(s) (`javascript:…`) by failing the whole
 * request with a 500 "server configuration" error — even from a cookie, so one planted
 * `next-auth.callback-url` cookie would break every page for that browser. proxy.ts uses these to
 * drop such a cookie and to answer such a query parameter with 400 before next-auth sees it.
 */

/** The names next-auth gives its callback-URL cookie (plain and on https). */
export const CALLBACK_COOKIES = ['next-auth.callback-url', '__Secure-next-auth.callback-url'];

/** next-auth's own test: a path on `base`, or an absolute http(s) URL. */
export function isAcceptableCallbackUrl(value: string, base: string): boolean {
  try {
    return /^https?:/.test(new URL(value, value.startsWith('/') ? base : undefined).protocol);
  } catch {
    return false;
  }
}

/**
 * The Cookie header without callback-URL cookies next-auth would refuse, and their names (empty
 * when nothing was dropped). Values are URL-decoded as next-auth reads them.
 */
export function withoutBadCallbackCookies(
  header: string | null,
  base: string,
): { header: string; dropped: string[] } {
  if (!header) return { header: '', dropped: [] };
  const dropped: string[] = [];
  const kept = header.split(';').filter((pair) => {
    const index = pair.indexOf('=');
    const name = (index === -1 ? pair : pair.slice(0, index)).trim();
    if (!CALLBACK_COOKIES.includes(name)) return true;
    let value = index === -1 ? '' : pair.slice(index + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      dropped.push(name);
      return false;
    }
    if (value === '' || isAcceptableCallbackUrl(value, base)) return true;
    dropped.push(name);
    return false;
  });
  return { header: kept.join(';').trim(), dropped };
}

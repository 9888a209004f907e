import { isIP } from 'node:net';

/**
 * The client's network address for the per-address sign-in budget, or null when it cannot be
 * known. `next start` fills `X-Forwarded-For` with the socket address only when the request did
 * not bring one (it keeps whatever the client sent), so the header is worth something only when a
 * reverse proxy we trust sets it. With `TRUSTED_PROXY` on, that proxy appends the address it saw,
 * so the last entry is the one nobody outside could forge; without it the header is ignored and
 * only the per-email budget applies (docs/security.md).
 *
 * @param forwardedFor the `X-Forwarded-For` header as received (a string, a list, or absent)
 * @param trustedProxy whether the app runs behind one reverse proxy that appends the address
 */
export function clientAddress(forwardedFor: unknown, trustedProxy: boolean): string | null {
  if (!trustedProxy) return null;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  if (typeof header !== 'string' || header.length > 4096) return null;
  const last = header.split(',').at(-1)?.trim() ?? '';
  // An IPv4-mapped IPv6 address is the IPv4 address.
  const address = last.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').toLowerCase();
  return isIP(address) ? address : null;
}

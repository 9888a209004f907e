/**
 * When a token counts as fresh: until shortly before it expires — five minutes, or a fifth of its
 * lifetime when that is shorter (the simulator's tokens live seconds) — so a token is never sent
 * in its last moments and expires in flight.
 */
export function refreshMarginMs(obtainedAt: Date, expiresAt: Date): number {
  const lifetime = Math.max(0, expiresAt.getTime() - obtainedAt.getTime());
  return Math.min(5 * 60_000, lifetime / 5);
}

/** True while `now` is before the token's expiry minus its margin. */
export function isFresh(token: { obtainedAt: Date; expiresAt: Date }, now: Date): boolean {
  return (
    now.getTime() < token.expiresAt.getTime() - refreshMarginMs(token.obtainedAt, token.expiresAt)
  );
}

import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import { toRole, type Role } from '@/lib/users/user-schema';

/**
 * The signed-in user as pages and routes see it, re-read from the database on every request, so
 * a role or location change (or a removed user) takes effect at once despite JWT sessions.
 */
export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The locations a staff user may see; empty for admins (who see every location). */
  locationIds: string[];
};

/**
 * What a session token carries to prove it is still valid: `<session id>.<mac>`. The id names
 * this one session (sign-out revokes it alone, lib/auth/revoke-session.ts); the mac, keyed with
 * the auth secret, binds it to the user's `session_version`, which "sign out everywhere", a
 * password change and a role or location change bump (lib/users/end-all-sessions.ts), ending
 * every older session. Keyed, so holding a token teaches nothing about the password either.
 */
export function sessionStamp(
  secret: string,
  userId: string,
  sessionVersion: number,
  sessionId: string,
): string {
  const mac = createHmac('sha256', secret)
    .update(`${userId}\0${sessionVersion}\0${sessionId}`)
    .digest('base64url')
    .slice(0, 22);
  return `${sessionId}.${mac}`;
}

/**
 * How long a session lasts from sign-in, at most. next-auth rolls the cookie's expiry on use;
 * this bound does not move, so a revoked session's row can be dropped once it has passed.
 */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** A fresh session id: 128 random bits and the sign-in time (seconds, base 36). */
export function newSessionId(now: Date = new Date()): string {
  return `${randomBytes(16).toString('base64url')}.${Math.floor(now.getTime() / 1000).toString(36)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STAMP = /^([A-Za-z0-9_-]{22}\.([0-9a-z]{1,10}))\.[A-Za-z0-9_-]{22}$/;

/** The session id inside a stamp and when that session began, or null when it is not a stamp. */
export function parseStamp(
  stamp: string | undefined,
): { sessionId: string; signedInAt: Date; expiresAt: Date } | null {
  const match = typeof stamp === 'string' ? STAMP.exec(stamp) : null;
  if (!match?.[1] || !match[2]) return null;
  const seconds = parseInt(match[2], 36);
  return {
    sessionId: match[1],
    signedInAt: new Date(seconds * 1000),
    expiresAt: new Date((seconds + SESSION_MAX_AGE_SECONDS) * 1000),
  };
}

/**
 * Loads the session's user with the locations they may see, or null when the user is gone, the
 * session was signed out, is older than `SESSION_MAX_AGE_SECONDS`, or was issued before the
 * user's sessions were last ended.
 *
 * @param stamp the `sessionStamp` stored in the session token at sign-in
 */
export async function loadSessionUser(
  db: Db,
  secret: string,
  userId: string,
  stamp: string | undefined,
  now: Date = new Date(),
): Promise<SessionUser | null> {
  const parsed = parseStamp(stamp);
  if (!UUID.test(userId) || !parsed || !stamp || parsed.expiresAt <= now) return null;
  const { sessionId } = parsed;
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) return null;
  const expected = Buffer.from(sessionStamp(secret, user.id, user.sessionVersion, sessionId));
  const given = Buffer.from(stamp);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (await db.revokedSession.findUnique({ where: { id: sessionId }, select: { id: true } }))
    return null;
  const role = toRole(user.role);
  const locationIds =
    role === 'admin'
      ? []
      : (
          await db.userLocation.findMany({
            where: { userId: user.id },
            select: { locationId: true },
            orderBy: { locationId: 'asc' },
          })
        ).map((row) => row.locationId);
  return { id: user.id, email: user.email, name: user.name, role, locationIds };
}

import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { clientAddress } from '@/lib/auth/client-address';
import { nextAuthLogger } from '@/lib/auth/next-auth-logger';
import { revokeSession } from '@/lib/auth/revoke-session';
import { SESSION_MAX_AGE_SECONDS } from '@/lib/auth/session-user';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { db } from '@/lib/db/client';
import { env, EnvError, requireAuthSecret } from '@/lib/env';

let cached: { secret: string; options: NextAuthOptions } | undefined;

/**
 * next-auth options: email + password (Credentials) against the users table, JWT sessions. Built
 * on first use rather than at import, so `next build` needs no secret; throws EnvError when
 * NEXTAUTH_SECRET is missing.
 */
export function authOptions(): NextAuthOptions {
  const secret = requireAuthSecret();
  if (cached?.secret === secret) return cached.options;
  const options: NextAuthOptions = {
    secret,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/login', error: '/login' },
    logger: nextAuthLogger,
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials, request) {
          const client = clientAddress(request.headers?.['x-forwarded-for'], env().TRUSTED_PROXY);
          const user = await verifyCredentials(db(), secret, credentials, new Date(), client);
          return user && { id: user.id, name: user.name, email: user.email, stamp: user.stamp };
        },
      }),
    ],
    events: {
      // Sign-out revokes this session server-side: a copy of the cookie stops working too.
      async signOut({ token }) {
        await revokeSession(db(), token?.stamp);
      },
    },
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.stamp = user.stamp;
        }
        return token;
      },
      // Only identity goes to the session; roles and locations are read fresh per request.
      session({ session, token }) {
        return {
          expires: session.expires,
          user: { id: token.sub ?? '', name: token.name ?? '', email: token.email ?? '' },
          stamp: token.stamp,
        };
      },
    },
  };
  cached = { secret, options };
  return options;
}

/** Why sign-in cannot work (a missing or bad setting), or null when it is configured. */
export function authConfigProblem(): string | null {
  try {
    authOptions();
    return null;
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
}

import type { DefaultSession } from 'next-auth';

// What Agency Pulse keeps in next-auth's JWT and session (lib/auth/auth-options.ts).
declare module 'next-auth' {
  interface Session {
    user: { id: string; name: string; email: string } & DefaultSession['user'];
    /** sessionStamp() at sign-in: the session id and the user's session version, keyed. */
    stamp?: string;
  }
  interface User {
    stamp?: string;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    stamp?: string;
  }
}

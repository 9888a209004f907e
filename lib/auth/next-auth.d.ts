import type { DefaultSession } from 'next-auth';

// What Agency Pulse keeps in next-auth's JWT and session (lib/auth/auth-options.ts).
declare module 'next-auth' {
  interface Session {
    user: { id: string; name: string; email: string } & DefaultSession['user'];
    /** sessionStamp() at sign-in: a password change ends older sessions. */
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

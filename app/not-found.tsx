import type { Metadata } from 'next';
import { AppHeader } from '@/components/layout/app-header';
import { NotFoundView } from '@/components/layout/not-found-view';
import { PublicHeader } from '@/components/layout/public-header';
import { getSessionUser } from '@/lib/auth/get-session-user';
import { connection } from 'next/server';

export const metadata: Metadata = { title: 'Page not found' };

/** Any unknown route: the app's header (the user's, when signed in) and a way back. */
export default async function NotFound() {
  await connection(); // per request, never prerendered: the header is the visitor's
  const user = await getSessionUser();
  return (
    <>
      {user ? (
        <AppHeader user={{ name: user.name, email: user.email, role: user.role }} current={null} />
      ) : (
        <PublicHeader />
      )}
      <NotFoundView signedIn={user !== null} />
    </>
  );
}

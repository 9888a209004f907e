import Link from 'next/link';
import { AppHeader } from '@/components/layout/app-header';
import { PublicHeader } from '@/components/layout/public-header';
import { LocationNotFound } from '@/components/reports/location-not-found';
import { getSessionUser } from '@/lib/auth/get-session-user';
import { connection } from 'next/server';

/** 404 for a location that does not exist, has left the agency, or is not the user's. */
export default async function NotFound() {
  await connection(); // per request, never prerendered: the header is the visitor's
  const user = await getSessionUser();
  return (
    <>
      {user ? (
        <AppHeader user={{ name: user.name, email: user.email, role: user.role }} />
      ) : (
        <PublicHeader />
      )}
      <LocationNotFound
        backLink={
          <Link href="/" className="btn btn-primary">
            Back to the roll-up
          </Link>
        }
      />
    </>
  );
}

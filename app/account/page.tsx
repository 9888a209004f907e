import type { Metadata } from 'next';
import { AccountView } from '@/components/account/account-view';
import { AppHeader } from '@/components/layout/app-header';
import { requireSessionUser } from '@/lib/auth/get-session-user';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your account' };

/** `/account`: the signed-in user's details and the change-password form (a server action). */
export default async function AccountPage() {
  const user = await requireSessionUser('/account');
  return (
    <>
      <AppHeader user={{ name: user.name, email: user.email, role: user.role }} current="account" />
      <AccountView
        user={{
          name: user.name,
          email: user.email,
          role: user.role,
          locationCount: user.locationIds.length,
        }}
      />
    </>
  );
}

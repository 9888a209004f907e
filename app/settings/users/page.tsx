import type { Metadata } from 'next';
import { SettingsFrame } from '@/components/settings/settings-frame';
import { UsersView } from '@/components/settings/users-view';
import { requireAdmin } from '@/lib/auth/require-admin';
import { db } from '@/lib/db/client';
import { listGrantableLocations } from '@/lib/users/list-grantable-locations';
import { listUserAccounts } from '@/lib/users/list-user-accounts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users' };

/** `/settings/users` (admins): list, add, change role and locations, new link, remove. */
export default async function UsersPage() {
  const user = await requireAdmin('/settings/users');
  const [users, locations] = await Promise.all([
    listUserAccounts(db()),
    listGrantableLocations(db()),
  ]);
  return (
    <SettingsFrame
      user={user}
      current="users"
      title="Users"
      subtitle="Who can sign in, and which locations each staff member sees. Changes take effect on their next request."
    >
      <UsersView users={users} locations={locations} currentUserId={user.id} />
    </SettingsFrame>
  );
}

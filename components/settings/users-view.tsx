'use client';

import { AddUserForm } from '@/components/settings/add-user-form';
import type { PickerLocation } from '@/components/settings/location-picker';
import { UserRowEditor } from '@/components/settings/user-row-editor';
import { formatInstant } from '@/lib/metrics/format-report-value';
import type { UserAccount, UserStatus } from '@/lib/users/list-user-accounts';
import styles from './settings.module.css';
import { TableScroll } from '@/components/ui/table-scroll';

const STATUS_LABELS: Record<UserStatus, string> = {
  active: 'Active',
  invited: 'Invited (link not used yet)',
  invite_expired: 'Invitation expired: issue a new link',
};

/**
 * The users admin: every user with role, grants, last sign-in and status; add one; edit each. A
 * client component, so the location list (thousands) crosses to the browser once, not per row.
 */
export function UsersView({
  users,
  locations,
  currentUserId,
}: {
  users: UserAccount[];
  locations: PickerLocation[];
  currentUserId: string;
}) {
  const nameOf = new Map(locations.map((l) => [l.id, l.name]));
  return (
    <>
      <section className="card" aria-labelledby="users-heading">
        <h2 id="users-heading" className={styles.sectionTitle}>
          {users.length} {users.length === 1 ? 'user' : 'users'}
        </h2>
        <TableScroll className={styles.tableScroll} label="Users">
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">Locations</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">Status</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id} data-email={user.email}>
                  <th scope="row">
                    {user.name}
                    <br />
                    <span className="muted">{user.email}</span>
                  </th>
                  <td>{user.role === 'admin' ? 'Admin' : 'Staff'}</td>
                  <td>
                    {user.role === 'admin'
                      ? 'All'
                      : user.locationIds.length === 0
                        ? 'None'
                        : user.locationIds.map((id) => nameOf.get(id) ?? id).join(', ')}
                  </td>
                  <td>{user.lastSignInAt ? formatInstant(user.lastSignInAt) : 'Never'}</td>
                  <td>
                    {STATUS_LABELS[user.status]}
                    {user.linkExpiresAt ? (
                      <span className="muted">
                        <br />
                        link until {formatInstant(user.linkExpiresAt)}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <details>
                      <summary>Edit</summary>
                      <UserRowEditor
                        user={user}
                        locations={locations}
                        isSelf={user.id === currentUserId}
                      />
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      <section className="card" aria-labelledby="add-user-heading">
        <h2 id="add-user-heading" className={styles.sectionTitle}>
          Add a user
        </h2>
        <p className={styles.hint}>
          They set their own password through a one-time link, shown to you once. It works for 24
          hours.
        </p>
        <AddUserForm locations={locations} />
      </section>
    </>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { LocationPicker, type PickerLocation } from '@/components/settings/location-picker';
import { OneTimeLink } from '@/components/settings/one-time-link';
import { Alert } from '@/components/ui/alert';
import { changeUserAccess } from '@/lib/actions/users/change-user-access';
import { removeUser } from '@/lib/actions/users/remove-user';
import { resetUserPassword } from '@/lib/actions/users/reset-user-password';
import type { ErrorDetail } from '@/lib/errors';
import type { UserAccount } from '@/lib/users/list-user-accounts';
import type { Role } from '@/lib/users/user-schema';
import styles from './settings.module.css';

/**
 * One user's controls: role and locations (saved at once through `users/change-user-access`), a
 * new set-password link, and removal (after a confirmation). Server refusals (the last admin)
 * are shown here.
 */
export function UserRowEditor({
  user,
  locations,
  isSelf,
}: {
  user: UserAccount;
  locations: readonly PickerLocation[];
  isSelf: boolean;
}) {
  const router = useRouter();
  const [role, setRole] = useState<Role>(user.role);
  const [locationIds, setLocationIds] = useState<string[]>(user.locationIds);
  const [error, setError] = useState<ErrorDetail | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [link, setLink] = useState<{ path: string; expiresAt: string; emailed: boolean } | null>(
    null,
  );
  const [isPending, startTransition] = useTransition();

  const run = (
    work: () => Promise<{ ok: true; message: string } | { ok: false; error: ErrorDetail }>,
  ) =>
    startTransition(async () => {
      const result = await work();
      setError(result.ok ? null : result.error);
      setNotice(result.ok ? result.message : null);
      if (result.ok) router.refresh();
    });

  const save = () =>
    run(async () => {
      const result = await changeUserAccess({ userId: user.id, role, locationIds });
      return result.ok
        ? {
            ok: true,
            message: result.data.changed
              ? 'Saved: effective at once (their open sessions have ended).'
              : 'Nothing changed.',
          }
        : result;
    });
  const reset = () =>
    run(async () => {
      const result = await resetUserPassword({ userId: user.id });
      if (!result.ok) return result;
      setLink(result.data.link);
      return { ok: true, message: 'A new link was issued; earlier links no longer work.' };
    });
  const remove = () => {
    if (!window.confirm(`Remove ${user.email}? They are signed out at once.`)) return;
    run(async () => {
      const result = await removeUser({ userId: user.id });
      return result.ok ? { ok: true, message: 'Removed.' } : result;
    });
  };

  return (
    <div className={styles.form} aria-label={`Edit ${user.email}`} role="group">
      {error ? (
        <Alert tone="danger" title="Not changed">
          <p>{error.message}</p>
          {error.fields?.locationIds ? <p>{error.fields.locationIds}</p> : null}
        </Alert>
      ) : null}
      {notice ? <Alert tone="info" title={notice} /> : null}
      {link ? <OneTimeLink email={user.email} {...link} /> : null}
      <div className="field">
        <label htmlFor={`role-${user.id}`}>Role</label>
        <select
          id={`role-${user.id}`}
          className="input"
          value={role}
          onChange={(event) => setRole(event.target.value === 'admin' ? 'admin' : 'staff')}
        >
          <option value="staff">Staff</option>
          <option value="admin">Admin</option>
        </select>
      </div>
      {role === 'staff' ? (
        <LocationPicker locations={locations} selected={locationIds} onChange={setLocationIds} />
      ) : null}
      <div className={styles.row}>
        <button type="button" className="btn btn-primary" onClick={save} disabled={isPending}>
          Save role and locations
        </button>
        <button type="button" className="btn" onClick={reset} disabled={isPending}>
          New set-password link
        </button>
        <button type="button" className="btn btn-ghost" onClick={remove} disabled={isPending}>
          {isSelf ? 'Remove (yourself)' : 'Remove user'}
        </button>
      </div>
    </div>
  );
}

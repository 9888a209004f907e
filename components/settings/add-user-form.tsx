'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { LocationPicker, type PickerLocation } from '@/components/settings/location-picker';
import { OneTimeLink } from '@/components/settings/one-time-link';
import { Alert } from '@/components/ui/alert';
import { FieldError, FormField } from '@/components/ui/form-field';
import { addUser } from '@/lib/actions/users/add-user';
import type { ErrorDetail } from '@/lib/errors';
import type { Role } from '@/lib/users/user-schema';
import styles from './settings.module.css';

/**
 * Adds a user through the `users/add-user` action: email, name, role, and a staff member's
 * locations. On success the one-time set-password link is shown (this once) and the list reloads.
 */
export function AddUserForm({ locations }: { locations: readonly PickerLocation[] }) {
  const router = useRouter();
  const [role, setRole] = useState<Role>('staff');
  const [locationIds, setLocationIds] = useState<string[]>([]);
  const [error, setError] = useState<ErrorDetail | null>(null);
  const [link, setLink] = useState<{
    email: string;
    path: string;
    expiresAt: string;
    emailed: boolean;
  } | null>(null);
  const [isPending, startTransition] = useTransition();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      const result = await addUser({
        email: String(data.get('email') ?? ''),
        name: String(data.get('name') ?? ''),
        role,
        locationIds: role === 'staff' ? locationIds : [],
      });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setLink({ email: result.data.user.email, ...result.data.link });
      setLocationIds([]);
      form.reset();
      router.refresh();
    });
  };

  const fields = error?.fields ?? {};
  return (
    <div className={styles.form}>
      {link ? <OneTimeLink {...link} /> : null}
      <form className={styles.form} onSubmit={onSubmit} noValidate aria-label="Add a user">
        {error && Object.keys(fields).length === 0 ? (
          <Alert tone="danger" title="The user was not added">
            <p>{error.message}</p>
          </Alert>
        ) : null}
        <FormField id="add-email" name="email" label="Email" error={fields.email}>
          {(control) => (
            <input {...control} className="input" type="email" autoComplete="off" required />
          )}
        </FormField>
        <FormField id="add-name" name="name" label="Name" error={fields.name}>
          {(control) => <input {...control} className="input" autoComplete="off" required />}
        </FormField>
        <FormField id="add-role" name="role" label="Role" error={fields.role}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={role}
              onChange={(event) => setRole(event.target.value === 'admin' ? 'admin' : 'staff')}
            >
              <option value="staff">Staff: sees the locations chosen below</option>
              <option value="admin">Admin: sees every location and runs the agency</option>
            </select>
          )}
        </FormField>
        {role === 'staff' ? (
          <LocationPicker locations={locations} selected={locationIds} onChange={setLocationIds} />
        ) : null}
        {fields.locationIds ? (
          <FieldError id="add-locationIds-error" message={fields.locationIds} />
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={isPending}>
          {isPending ? 'Adding…' : 'Add user'}
        </button>
      </form>
    </div>
  );
}

'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { FormField } from '@/components/ui/form-field';
import { changePassword } from '@/lib/actions/account/change-password';
import type { FieldErrors } from '@/lib/errors';
import { MIN_PASSWORD_LENGTH } from '@/lib/users/user-schema';
import styles from './account.module.css';

type State = Awaited<ReturnType<typeof changePassword>> | null;

const FIELDS = [
  { name: 'currentPassword', label: 'Current password', autoComplete: 'current-password' },
  {
    name: 'newPassword',
    label: 'New password',
    autoComplete: 'new-password',
    hint: `At least ${MIN_PASSWORD_LENGTH} characters.`,
  },
  { name: 'confirmPassword', label: 'Repeat the new password', autoComplete: 'new-password' },
] as const;

/**
 * Current password, new password and its repeat, sent to the `account/change-password` server
 * action. The server's message for a field is shown under that field; anything else in an alert
 * above the form. On success every session of the user has ended, this one too, so the form gives
 * way to a link to sign in again.
 */
export function ChangePasswordForm() {
  const [state, formAction, isPending] = useActionState<State, FormData>(
    (_previous, formData) => changePassword(formData),
    null,
  );

  if (state?.ok) {
    return (
      <Alert
        tone="info"
        title="Your password was changed"
        action={
          <a className="btn btn-primary" href="/login?callbackUrl=%2Faccount">
            Sign in again
          </a>
        }
      >
        <p>Every session of your account has ended, this one too. Sign in with the new password.</p>
      </Alert>
    );
  }

  const error = state?.error;
  const fields: FieldErrors = error?.fields ?? {};
  const hasFieldErrors = Object.keys(fields).length > 0;
  return (
    <form className={styles.form} action={formAction} noValidate>
      {error && !hasFieldErrors ? (
        <Alert
          tone="danger"
          title="Your password was not changed"
          action={
            error.code === 'unauthenticated' ? (
              <a className="btn" href="/login?callbackUrl=%2Faccount">
                Sign in again
              </a>
            ) : undefined
          }
        >
          <p>{error.message}</p>
        </Alert>
      ) : null}
      {FIELDS.map((field) => {
        return (
          <FormField
            key={field.name}
            name={field.name}
            label={field.label}
            hint={'hint' in field ? field.hint : undefined}
            error={fields[field.name]}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type="password"
                autoComplete={field.autoComplete}
                required
              />
            )}
          </FormField>
        );
      })}
      <button type="submit" className={`btn btn-primary ${styles.submit}`} disabled={isPending}>
        {isPending ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}

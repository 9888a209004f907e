'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { signOutEverywhere } from '@/lib/actions/account/sign-out-everywhere';
import styles from './account.module.css';

type State = Awaited<ReturnType<typeof signOutEverywhere>> | null;

/**
 * One button, sent to the `account/sign-out-everywhere` server action: every session of the
 * account ends on the server (copies of the cookie too), this one included, so the button gives
 * way to a link to sign in again.
 */
export function SignOutEverywhereForm() {
  const [state, formAction, isPending] = useActionState<State, FormData>(
    (_previous, formData) => signOutEverywhere(formData),
    null,
  );
  if (state?.ok) {
    return (
      <Alert
        tone="info"
        title="You were signed out everywhere"
        action={
          <a className="btn btn-primary" href="/login?callbackUrl=%2Faccount">
            Sign in again
          </a>
        }
      >
        <p>Every session of your account has ended, on every device and this one.</p>
      </Alert>
    );
  }
  return (
    <form className={styles.form} action={formAction}>
      {state?.error ? (
        <Alert tone="danger" title="Your sessions were not ended">
          <p>{state.error.message}</p>
        </Alert>
      ) : null}
      <p className={styles.hint}>
        Ends every session of your account: on other computers and phones, and this one.
      </p>
      <div>
        <button type="submit" className="btn" disabled={isPending}>
          {isPending ? 'Signing out…' : 'Sign out everywhere'}
        </button>
      </div>
    </form>
  );
}

'use client';

import { signIn } from 'next-auth/react';
import { useRef, useState, type FormEvent } from 'react';
import {
  BAD_CREDENTIALS_MESSAGE,
  SIGN_IN_FAILED_MESSAGE,
  signInErrorMessage,
} from '@/components/auth/sign-in-error-message';
import styles from './login.module.css';

/**
 * Email + password form. Signs in through next-auth without leaving the page, shows a failure in
 * an alert next to the fields, and on success loads `callbackUrl` (a same-site path, already
 * checked by the page).
 */
export function LoginForm({
  callbackUrl,
  initialError,
}: {
  callbackUrl: string;
  initialError: string | null;
}) {
  const [error, setError] = useState<string | null>(initialError);
  const [isPending, setPending] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
        callbackUrl,
      });
      if (result && !result.error && result.ok) {
        // A full load, so the server renders the dashboard with the new session cookie.
        window.location.assign(callbackUrl);
        return;
      }
      setError(signInErrorMessage(result?.error) ?? SIGN_IN_FAILED_MESSAGE);
    } catch {
      setError(SIGN_IN_FAILED_MESSAGE);
    }
    setPending(false);
    passwordRef.current?.focus();
    passwordRef.current?.select();
  }

  return (
    <form
      className={styles.form}
      onSubmit={handleSubmit}
      aria-describedby={error ? 'login-error' : undefined}
    >
      {error ? (
        <div id="login-error" className="alert alert-danger" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="login-email">Email</label>
        <input
          id="login-email"
          className="input"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          aria-invalid={error === BAD_CREDENTIALS_MESSAGE || undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="login-password">Password</label>
        <input
          ref={passwordRef}
          id="login-password"
          className="input"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={error === BAD_CREDENTIALS_MESSAGE || undefined}
        />
      </div>
      <button type="submit" className={`btn btn-primary ${styles.submit}`} disabled={isPending}>
        {isPending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

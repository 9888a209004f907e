'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { FormField } from '@/components/ui/form-field';
import { isErrorBody, type ErrorDetail } from '@/lib/errors';
import { MIN_PASSWORD_LENGTH } from '@/lib/users/user-schema';
import styles from './login.module.css';

type State =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'done'; email: string }
  | { kind: 'failed'; error: ErrorDetail };

/**
 * Reads the token from the link's fragment (then drops it from the address bar), and posts it
 * with the new password to `POST /api/set-password`. Field messages show under their field.
 */
export function SetPasswordForm() {
  const [token, setToken] = useState<string | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });

  useEffect(() => {
    const found = new URLSearchParams(window.location.hash.slice(1)).get('token');
    setToken(found ?? '');
    if (found) window.history.replaceState(null, '', window.location.pathname);
  }, []);

  if (token === null) return <p className="muted">Reading the link…</p>;
  if (token === '')
    return (
      <Alert tone="danger" title="This link is incomplete">
        <p>Open the whole link your admin gave you, or ask them for a new one.</p>
      </Alert>
    );
  if (state.kind === 'done')
    return (
      <Alert
        tone="info"
        title="Your password is set"
        action={
          <a className="btn btn-primary" href="/login">
            Sign in
          </a>
        }
      >
        <p>Sign in as {state.email} with your new password.</p>
      </Alert>
    );

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setState({ kind: 'sending' });
    const response = await fetch('/api/set-password', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        token,
        password: data.get('password'),
        confirmPassword: data.get('confirmPassword'),
      }),
    }).catch(() => null);
    const body: unknown = await response?.json().catch(() => null);
    if (response?.ok && body && typeof body === 'object' && 'email' in body)
      return setState({ kind: 'done', email: String(body.email) });
    setState({
      kind: 'failed',
      error: isErrorBody(body)
        ? body.error
        : { code: 'unavailable', message: 'The server could not be reached. Try again.' },
    });
  };

  const error = state.kind === 'failed' ? state.error : null;
  const fields = error?.fields ?? {};
  const fieldList = [
    {
      name: 'password',
      label: 'New password',
      hint: `At least ${MIN_PASSWORD_LENGTH} characters.`,
    },
    { name: 'confirmPassword', label: 'Repeat the new password', hint: null },
  ] as const;
  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      {error && Object.keys(fields).length === 0 ? (
        <Alert tone="danger" title="Your password was not set">
          <p>{error.message}</p>
        </Alert>
      ) : null}
      {fieldList.map((field) => {
        return (
          <FormField
            key={field.name}
            name={field.name}
            label={field.label}
            hint={field.hint}
            error={fields[field.name]}
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type="password"
                autoComplete="new-password"
                required
              />
            )}
          </FormField>
        );
      })}
      <button type="submit" className="btn btn-primary" disabled={state.kind === 'sending'}>
        {state.kind === 'sending' ? 'Setting…' : 'Set password'}
      </button>
    </form>
  );
}

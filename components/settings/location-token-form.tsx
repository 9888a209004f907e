'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { removeLocationToken } from '@/lib/actions/tokens/remove-location-token';
import {
  setLocationToken,
  type SetLocationTokenResult,
} from '@/lib/actions/tokens/set-location-token';
import type { ErrorDetail } from '@/lib/errors';
import styles from './settings.module.css';

const CHECK_LABELS: Record<string, string> = {
  ok: 'OK',
  scope_missing: 'scope missing',
  forbidden: 'forbidden (another sub-account?)',
  token_revoked: 'token rejected',
  budget_exhausted: 'daily budget used up',
  unavailable: 'GHL did not answer',
  error: 'error',
};

/**
 * Paste a location's Private Integration Token: the server checks it live (one read per entity)
 * and shows the result per scope; a token missing scopes is stored only after "Save anyway". The
 * token is sent, never shown back. Also removes the location's token.
 */
export function LocationTokenForm({
  locationId,
  locationName,
  hasOwnToken,
}: {
  locationId: string;
  locationName: string;
  hasOwnToken: boolean;
}) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<SetLocationTokenResult | null>(null);
  const [error, setError] = useState<ErrorDetail | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const inputId = `token-${locationId}`;

  const send = (confirmMissingScopes: boolean) =>
    startTransition(async () => {
      const token = input.current?.value ?? '';
      const answer = await setLocationToken({ locationId, token, confirmMissingScopes });
      setNotice(null);
      if (!answer.ok) {
        setError(answer.error);
        setResult(null);
        return;
      }
      setError(null);
      setResult(answer.data);
      if (answer.data.saved) {
        if (input.current) input.current.value = '';
        setNotice(`Stored: fingerprint ${answer.data.fingerprint}. The next sync uses it.`);
        router.refresh();
      }
    });

  const remove = () => {
    if (!window.confirm(`Remove the token of ${locationName}? It goes back to the agency token.`))
      return;
    startTransition(async () => {
      const answer = await removeLocationToken({ locationId });
      setError(answer.ok ? null : answer.error);
      setResult(null);
      setNotice(answer.ok ? 'Removed: this location uses the agency token again.' : null);
      if (answer.ok) router.refresh();
    });
  };

  const check = result?.check;
  return (
    <div className={styles.form}>
      {error ? (
        <Alert tone="danger" title="Not stored">
          <p>{error.fields?.token ? `The token: ${error.fields.token}.` : error.message}</p>
        </Alert>
      ) : null}
      {notice ? <Alert tone="info" title={notice} /> : null}
      {check && !result?.saved ? (
        <Alert
          tone={check.isRejected ? 'danger' : 'warning'}
          title={
            check.isRejected
              ? 'GHL rejected this token: it was not stored'
              : `Missing scopes: ${check.missingScopes.join(', ') || 'none'}; not stored yet`
          }
        >
          <p>
            {check.isRejected
              ? 'Copy the token again from the sub-account (Settings → Private Integrations).'
              : 'Add the scopes to the Private Integration and paste it again, or save it as it is: the sync then skips what it cannot read.'}
          </p>
        </Alert>
      ) : null}
      {check ? (
        <table className={styles.table} aria-label={`Live check of the token for ${locationName}`}>
          <thead>
            <tr>
              <th scope="col">Entity</th>
              <th scope="col">Scope</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {check.entities.map((entity) => (
              <tr key={entity.entity} data-status={entity.status}>
                <th scope="row">{entity.entity}</th>
                <td>
                  <code>{entity.scope}</code>
                </td>
                <td>
                  {CHECK_LABELS[entity.status] ?? entity.status}
                  {entity.message ? <span className="muted"> — {entity.message}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="field">
        <label htmlFor={inputId}>
          {hasOwnToken ? 'Replace the token' : 'Private Integration Token of this sub-account'}
        </label>
        <input
          id={inputId}
          ref={input}
          className="input"
          type="password"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${inputId}-hint`}
        />
        <p id={`${inputId}-hint`} className={styles.hint}>
          Checked live with GHL before it is stored (encrypted). It is never shown again: only its
          fingerprint.
        </p>
      </div>
      <div className={styles.row}>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => send(false)}
          disabled={isPending}
        >
          {isPending ? 'Checking…' : 'Check and save'}
        </button>
        {result?.needsConfirmation ? (
          <button type="button" className="btn" onClick={() => send(true)} disabled={isPending}>
            Save anyway
          </button>
        ) : null}
        {hasOwnToken ? (
          <button type="button" className="btn btn-ghost" onClick={remove} disabled={isPending}>
            Remove token
          </button>
        ) : null}
      </div>
    </div>
  );
}

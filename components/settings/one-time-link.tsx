'use client';

import { useSyncExternalStore } from 'react';
import { Alert } from '@/components/ui/alert';
import { formatInstant } from '@/lib/metrics/format-report-value';
import styles from './settings.module.css';

const noSubscribe = () => () => {};

/** A set-password link, shown this once: the full address to hand over, and when it expires. */
export function OneTimeLink({
  email,
  path,
  expiresAt,
  emailed = false,
}: {
  email: string;
  path: string;
  expiresAt: string;
  /** The server also emailed it to the user (SMTP is configured). */
  emailed?: boolean;
}) {
  const origin = useSyncExternalStore(
    noSubscribe,
    () => window.location.origin,
    () => '',
  );
  const url = `${origin}${path}`;
  return (
    <Alert
      tone="warning"
      title={`Set-password link for ${email}: shown once`}
      action={
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void navigator.clipboard?.writeText(url)}
        >
          Copy
        </button>
      }
    >
      <p className={styles.secret} data-testid="one-time-link">
        {url}
      </p>
      <p className={styles.hint}>
        {emailed ? `It was also emailed to ${email}. ` : `Give it to ${email} privately. `}It works
        once, until {formatInstant(expiresAt)}; it is not stored and cannot be shown again (issue a
        new one if it is lost).
      </p>
    </Alert>
  );
}

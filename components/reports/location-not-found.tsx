'use client';

import type { ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import styles from './dashboard.module.css';

/** The drill-down's 404: the same words whether the location is unknown, archived or not the user's. */
export function LocationNotFound({ backLink }: { backLink: ReactNode }) {
  return (
    <main className={styles.page}>
      <div className={`card ${styles.empty}`}>
        <h1>Location not found</h1>
        <p className="muted">
          There is no such location among the ones you can see. It may have left the agency, or an
          admin has not given you access to it.
        </p>
        {backLink}
      </div>
    </main>
  );
}

/** The drill-down could not be rendered at all. */
export function LocationLoadError({ onRetry }: { onRetry: () => void }) {
  return (
    <main className={styles.page}>
      <Alert
        tone="danger"
        title="This location could not be loaded"
        action={
          <button type="button" className="btn" onClick={onRetry}>
            Try again
          </button>
        }
      >
        <p>Something went wrong on the server. Try again in a moment.</p>
      </Alert>
    </main>
  );
}

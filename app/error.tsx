'use client';

import Link from 'next/link';
import { PublicHeader } from '@/components/layout/public-header';
import styles from '@/components/reports/dashboard.module.css';
import { Alert } from '@/components/ui/alert';

/** A page failed on the server: say so in plain words, offer a retry and a way back. */
export default function AppError({ reset }: { error: Error; reset: () => void }) {
  return (
    <>
      <PublicHeader />
      <main className={styles.page}>
        <Alert
          tone="danger"
          title="This page could not be loaded"
          action={
            <button type="button" className="btn" onClick={reset}>
              Try again
            </button>
          }
        >
          <p>Something went wrong on the server. Try again in a moment.</p>
        </Alert>
        <p>
          <Link href="/" className="btn btn-primary">
            Back to the roll-up
          </Link>
        </p>
      </main>
    </>
  );
}

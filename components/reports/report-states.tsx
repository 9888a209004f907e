import { Alert } from '@/components/ui/alert';
import { LoadError } from '@/components/ui/load-error';
import { Skeleton } from '@/components/ui/skeleton';
import { AppError } from '@/lib/errors';
import styles from './dashboard.module.css';

/** Placeholder shaped like the cards and the table while the first data loads. */
export function ReportSkeleton() {
  return (
    <div className={styles.skeleton} role="status" aria-live="polite">
      <span className="sr-only">Loading the report…</span>
      <div className={styles.kpiGrid}>
        {Array.from({ length: 7 }, (_, i) => (
          <div key={i} className={styles.kpi}>
            <Skeleton width="60%" height={12} />
            <Skeleton width="45%" height={26} style={{ marginTop: 10 }} />
          </div>
        ))}
      </div>
      <div className={`card ${styles.tableCard}`}>
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} height={18} style={{ margin: '12px 0' }} />
        ))}
      </div>
    </div>
  );
}

/** Nothing to show: no location synced yet (admins), or none assigned (staff). */
export function ReportEmpty({ seesAllLocations }: { seesAllLocations: boolean }) {
  return (
    <div className={`card ${styles.empty}`}>
      {seesAllLocations ? (
        <>
          <h2>No locations synced yet</h2>
          <p className="muted">
            Agency Pulse shows your sub-accounts once the first sync has read them. On the server,
            run:
          </p>
          <pre className={styles.command}>npm run cli -- sync</pre>
          <p className="muted">
            Then <code>npm run cli -- status</code> shows what was read and, for anything that could
            not be, how to fix it.
          </p>
        </>
      ) : (
        <>
          <h2>No locations assigned to you yet</h2>
          <p className="muted">
            Your account sees only the locations an admin has given it, and none have been (or they
            have not synced yet). Ask an admin to give you access.
          </p>
        </>
      )}
    </div>
  );
}

/** The report could not be loaded: why, and what to do (sign in again, fix the period, retry). */
export function ReportError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (error instanceof AppError && error.code === 'invalid_input') {
    return (
      <Alert tone="danger" title="That period cannot be reported">
        <p>{error.message}. Pick a preset or correct the dates above.</p>
      </Alert>
    );
  }
  return <LoadError error={error} onRetry={onRetry} what="the report" />;
}

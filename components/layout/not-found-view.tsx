import Link from 'next/link';
import styles from '@/components/reports/dashboard.module.css';

/** A page that does not exist: plain words and a way back (to the roll-up, or to sign in). */
export function NotFoundView({ signedIn }: { signedIn: boolean }) {
  return (
    <main className={styles.page}>
      <div className={`card ${styles.empty}`}>
        <h1>Page not found</h1>
        <p className="muted">
          There is no page at this address. It may have moved, or the link is mistyped.
        </p>
        <Link href={signedIn ? '/' : '/login'} className="btn btn-primary">
          {signedIn ? 'Back to the roll-up' : 'Go to sign in'}
        </Link>
      </div>
    </main>
  );
}

import Link from 'next/link';
import { LoginForm } from '@/components/auth/login-form';
import { BrandMark } from '@/components/layout/brand-mark';
import { Alert } from '@/components/ui/alert';
import styles from './login.module.css';

/** The sign-in screen: the form, or why sign-in cannot work yet (a missing setting). */
export function LoginView({
  callbackUrl,
  initialError,
  configProblem,
}: {
  callbackUrl: string;
  initialError: string | null;
  configProblem: string | null;
}) {
  return (
    <main className={styles.page}>
      <div className={styles.panel}>
        <Link href="/" className={styles.brand}>
          <BrandMark />
          Agency Pulse
        </Link>
        <section className={`card ${styles.card}`} aria-labelledby="login-title">
          <h1 id="login-title" className={styles.title}>
            Sign in
          </h1>
          <p className={styles.lead}>Your agency&apos;s locations, side by side.</p>
          {configProblem ? (
            <Alert tone="danger" title="Sign-in is not configured on this server">
              <p>{configProblem}</p>
            </Alert>
          ) : (
            <LoginForm callbackUrl={callbackUrl} initialError={initialError} />
          )}
        </section>
        <p className={styles.footnote}>No account? Ask your agency admin to add you.</p>
      </div>
    </main>
  );
}

import Link from 'next/link';
import { SetPasswordForm } from '@/components/auth/set-password-form';
import { BrandMark } from '@/components/layout/brand-mark';
import styles from './login.module.css';

/** The set-password screen, framed like the sign-in screen. */
export function SetPasswordView() {
  return (
    <main className={styles.page}>
      <div className={styles.panel}>
        <Link href="/" className={styles.brand}>
          <BrandMark />
          Agency Pulse
        </Link>
        <section className={`card ${styles.card}`} aria-labelledby="set-password-title">
          <h1 id="set-password-title" className={styles.title}>
            Set your password
          </h1>
          <p className={styles.lead}>The link works once, for 24 hours.</p>
          <SetPasswordForm />
        </section>
      </div>
    </main>
  );
}

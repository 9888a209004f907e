import Link from 'next/link';
import { BrandMark } from '@/components/layout/brand-mark';
import styles from './app-header.module.css';

/**
 * The top bar where no signed-in user is known (signed out, or an error page, which renders in the
 * browser without the session): the brand, linking home, and a way to sign in.
 */
export function PublicHeader() {
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <Link href="/" className={styles.brand}>
          <BrandMark />
          Agency Pulse
        </Link>
      </div>
    </header>
  );
}

import Link from 'next/link';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { BrandMark } from '@/components/layout/brand-mark';
import { ReconnectBanner } from '@/components/layout/reconnect-banner';
import type { Role } from '@/lib/users/user-schema';
import styles from './app-header.module.css';

/**
 * The signed-in top bar: brand, navigation (Settings for admins), who is signed in (and their scope), their account
 * page, sign out.
 */
export function AppHeader({
  user,
  current = 'rollup',
}: {
  user: { name: string; email: string; role: Role };
  /** The page the nav marks as current; null on pages outside the nav (not found). */
  current?: 'rollup' | 'health' | 'account' | 'schedules' | 'settings' | null;
}) {
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <Link href="/" className={styles.brand}>
          <BrandMark />
          Agency Pulse
        </Link>
        <nav aria-label="Main" className={styles.nav}>
          <Link
            href="/"
            className={styles.navLink}
            aria-current={current === 'rollup' ? 'page' : undefined}
          >
            Roll-up
          </Link>
          <Link
            href="/health"
            className={styles.navLink}
            aria-current={current === 'health' ? 'page' : undefined}
          >
            Sync health
          </Link>
          {user.role === 'admin' ? (
            <Link
              href="/settings/schedules"
              className={styles.navLink}
              aria-current={current === 'schedules' ? 'page' : undefined}
            >
              Email reports
            </Link>
          ) : null}
          {user.role === 'admin' ? (
            <Link
              href="/settings/users"
              className={styles.navLink}
              aria-current={current === 'settings' ? 'page' : undefined}
            >
              Settings
            </Link>
          ) : null}
        </nav>
        <div className={styles.user}>
          <div className={styles.who}>
            <span className={styles.name}>{user.name}</span>
            <span className={styles.email}>{user.email}</span>
          </div>
          <span
            className={`badge ${user.role === 'admin' ? 'badge-accent' : ''} ${styles.role}`}
            title={
              user.role === 'admin'
                ? 'Sees every location'
                : 'Sees only the locations assigned to them'
            }
          >
            {user.role === 'admin' ? 'Admin' : 'Staff'}
          </span>
          <Link
            href="/account"
            className="btn btn-small btn-ghost"
            aria-current={current === 'account' ? 'page' : undefined}
          >
            Your account
          </Link>
          <SignOutButton />
        </div>
      </div>
      <ReconnectBanner isAdmin={user.role === 'admin'} />
    </header>
  );
}

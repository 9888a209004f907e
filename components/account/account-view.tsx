import { ChangePasswordForm } from '@/components/account/change-password-form';
import { SignOutEverywhereForm } from '@/components/account/sign-out-everywhere-form';
import type { Role } from '@/lib/users/user-schema';
import styles from './account.module.css';

/**
 * "Your account": who is signed in and what they see, the form to change the password, and
 * "sign out everywhere".
 */
export function AccountView({
  user,
}: {
  user: { name: string; email: string; role: Role; locationCount: number };
}) {
  const scope =
    user.role === 'admin'
      ? 'Admin: sees every location'
      : `Staff: sees ${user.locationCount.toLocaleString('en-US')} assigned ${
          user.locationCount === 1 ? 'location' : 'locations'
        }`;
  return (
    <main className={styles.page}>
      <div>
        <h1>Your account</h1>
        <p className={styles.subtitle}>Signed in as {user.email}.</p>
      </div>
      <section className="card" aria-labelledby="account-details-heading">
        <h2 id="account-details-heading" className={styles.sectionTitle}>
          Details
        </h2>
        <dl className={styles.details}>
          <dt>Name</dt>
          <dd>{user.name}</dd>
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Access</dt>
          <dd>{scope}</dd>
        </dl>
        <p className={`${styles.hint} ${styles.note}`}>
          An admin changes names, roles and locations with <code>npm run cli -- user</code>.
        </p>
      </section>
      <section className="card" aria-labelledby="change-password-heading">
        <h2 id="change-password-heading" className={styles.sectionTitle}>
          Change password
        </h2>
        <ChangePasswordForm />
      </section>
      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className={styles.sectionTitle}>
          Sessions
        </h2>
        <SignOutEverywhereForm />
      </section>
    </main>
  );
}

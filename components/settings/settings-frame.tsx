import Link from 'next/link';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/layout/app-header';
import type { Role } from '@/lib/users/user-schema';
import styles from './settings.module.css';

export const SETTINGS_PAGES = [
  { key: 'users', href: '/settings/users', label: 'Users' },
  { key: 'tokens', href: '/settings/tokens', label: 'Location tokens' },
  { key: 'sync', href: '/settings/sync', label: 'Sync now' },
  { key: 'audit', href: '/settings/audit', label: 'Audit log' },
  { key: 'connect', href: '/settings/connect', label: 'Connect GoHighLevel' },
] as const;
export type SettingsPage = (typeof SETTINGS_PAGES)[number]['key'];

/** The frame of every settings page (admins only): the header, the settings tabs, a title. */
export function SettingsFrame({
  user,
  current,
  title,
  subtitle,
  children,
}: {
  user: { name: string; email: string; role: Role };
  current: SettingsPage;
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <AppHeader user={user} current="settings" />
      <main className={styles.page}>
        <nav aria-label="Settings" className={styles.nav}>
          {SETTINGS_PAGES.map((page) => (
            <Link
              key={page.key}
              href={page.href}
              aria-current={page.key === current ? 'page' : undefined}
            >
              {page.label}
            </Link>
          ))}
        </nav>
        <div>
          <h1>{title}</h1>
          {subtitle ? <p className={styles.subtitle}>{subtitle}</p> : null}
        </div>
        {children}
      </main>
    </>
  );
}

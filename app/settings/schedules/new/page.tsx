import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/layout/app-header';
import { ScheduleForm } from '@/components/schedules/schedule-form';
import styles from '@/components/schedules/schedules.module.css';
import { requireSessionUser } from '@/lib/auth/get-session-user';
import { db } from '@/lib/db/client';
import { NEW_SCHEDULE_VALUES } from '@/lib/reports/schedules/schedule-form-values';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New email report' };

/** `/settings/schedules/new`: the create form (admins only). */
export default async function NewSchedulePage() {
  const user = await requireSessionUser('/settings/schedules/new');
  if (user.role !== 'admin') notFound();
  const locations = await db().location.findMany({
    where: { archivedAt: null },
    select: { id: true, name: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  return (
    <>
      <AppHeader user={user} current="schedules" />
      <main className={styles.page}>
        <h1>New email report</h1>
        <ScheduleForm initial={NEW_SCHEDULE_VALUES} locations={locations} />
      </main>
    </>
  );
}

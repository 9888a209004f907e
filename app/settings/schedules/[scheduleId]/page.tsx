import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/layout/app-header';
import { ScheduleForm } from '@/components/schedules/schedule-form';
import styles from '@/components/schedules/schedules.module.css';
import { requireSessionUser } from '@/lib/auth/get-session-user';
import { db } from '@/lib/db/client';
import { readReportSchedule } from '@/lib/reports/schedules/report-schedule';
import { scheduleFormValues } from '@/lib/reports/schedules/schedule-form-values';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit email report' };

/** `/settings/schedules/<id>`: the edit form (admins only). */
export default async function EditSchedulePage({
  params,
}: {
  params: Promise<{ scheduleId: string }>;
}) {
  const { scheduleId } = await params;
  const user = await requireSessionUser(`/settings/schedules/${scheduleId}`);
  if (user.role !== 'admin') notFound();
  const row = /^[0-9a-f-]{36}$/i.test(scheduleId)
    ? await db().reportSchedule.findUnique({ where: { id: scheduleId } })
    : null;
  if (!row) notFound();
  const [values, locations] = await Promise.all([
    scheduleFormValues(db(), readReportSchedule(row)),
    db().location.findMany({
      where: { archivedAt: null },
      select: { id: true, name: true },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    }),
  ]);
  return (
    <>
      <AppHeader user={user} current="schedules" />
      <main className={styles.page}>
        <h1>{row.name}</h1>
        <ScheduleForm initial={values} locations={locations} />
      </main>
    </>
  );
}

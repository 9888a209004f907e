import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/layout/app-header';
import { ScheduleList } from '@/components/schedules/schedule-list';
import { requireSessionUser } from '@/lib/auth/get-session-user';
import { db } from '@/lib/db/client';
import { listSchedules } from '@/lib/reports/schedules/list-schedules';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Email reports' };

/** `/settings/schedules`: admins only (staff get a 404); every action re-checks on the server. */
export default async function SchedulesPage() {
  const user = await requireSessionUser('/settings/schedules');
  if (user.role !== 'admin') notFound();
  return (
    <>
      <AppHeader user={user} current="schedules" />
      <ScheduleList items={await listSchedules(db())} />
    </>
  );
}

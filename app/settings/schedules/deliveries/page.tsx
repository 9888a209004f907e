import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/layout/app-header';
import { DeliveryLog } from '@/components/schedules/delivery-log';
import { requireSessionUser } from '@/lib/auth/get-session-user';
import { db } from '@/lib/db/client';
import { deliveryFilterSchema, listDeliveries } from '@/lib/reports/delivery/list-deliveries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Delivery log' };

/** `/settings/schedules/deliveries?scheduleId&status&from&to`: the delivery log (admins only). */
export default async function DeliveriesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSessionUser('/settings/schedules/deliveries');
  if (user.role !== 'admin') notFound();
  const raw = await searchParams;
  const one = (value: string | string[] | undefined) =>
    (Array.isArray(value) ? value[0] : value) || undefined;
  const filter = deliveryFilterSchema.parse({
    scheduleId: one(raw.scheduleId),
    status: one(raw.status),
    from: one(raw.from),
    to: one(raw.to),
  });
  const [items, schedules] = await Promise.all([
    listDeliveries(db(), filter),
    db().reportSchedule.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  return (
    <>
      <AppHeader user={user} current="schedules" />
      <DeliveryLog items={items} filter={filter} schedules={schedules} />
    </>
  );
}

import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/layout/app-header';
import { DeliveryDetailView } from '@/components/schedules/delivery-detail';
import { requireSessionUser } from '@/lib/auth/get-session-user';
import { db } from '@/lib/db/client';
import { getDelivery } from '@/lib/reports/delivery/get-delivery';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Delivery' };

/** `/settings/schedules/deliveries/<id>`: one email exactly as it was sent (admins only). */
export default async function DeliveryPage({
  params,
}: {
  params: Promise<{ deliveryId: string }>;
}) {
  const { deliveryId } = await params;
  const user = await requireSessionUser(`/settings/schedules/deliveries/${deliveryId}`);
  if (user.role !== 'admin') notFound();
  const delivery = /^[0-9a-f-]{36}$/i.test(deliveryId) ? await getDelivery(db(), deliveryId) : null;
  if (!delivery) notFound();
  return (
    <>
      <AppHeader user={user} current="schedules" />
      <DeliveryDetailView delivery={delivery} />
    </>
  );
}

import 'server-only';

import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { reportDaySchema } from '@/lib/metrics/locations-report-params';
import { DELIVERY_STATUSES, type DeliveryStatus } from '@/lib/reports/schedules/schedule-schema';

/** The delivery log's filters, from the URL: schedule, status, and a period (due between). */
export const deliveryFilterSchema = z.object({
  scheduleId: z.uuid().optional().catch(undefined),
  status: z.enum(DELIVERY_STATUSES).optional().catch(undefined),
  // Days the database can hold: a day like 0000-01-01 is dropped like any bad value.
  from: reportDaySchema.optional().catch(undefined),
  to: reportDaySchema.optional().catch(undefined),
});
export type DeliveryFilter = z.infer<typeof deliveryFilterSchema>;

export type DeliveryLogItem = {
  id: string;
  scheduleId: string;
  scheduleName: string;
  periodFrom: string;
  periodTo: string;
  locationKey: string;
  isTest: boolean;
  status: DeliveryStatus;
  attempts: number;
  dueAt: Date;
  sentAt: Date | null;
  subject: string | null;
  lastError: string | null;
  warning: string | null;
};

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Deliveries, newest due first (at most `limit`), filtered by schedule, status and due days. */
export async function listDeliveries(
  db: Db,
  filter: DeliveryFilter,
  limit = 200,
): Promise<DeliveryLogItem[]> {
  const rows = await db.reportDelivery.findMany({
    where: {
      ...(filter.scheduleId ? { scheduleId: filter.scheduleId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.from || filter.to
        ? {
            dueAt: {
              ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
              ...(filter.to
                ? { lt: new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000) }
                : {}),
            },
          }
        : {}),
    },
    orderBy: [{ dueAt: 'desc' }, { createdAt: 'desc' }],
    take: limit,
    select: {
      id: true,
      scheduleId: true,
      periodFrom: true,
      periodTo: true,
      locationKey: true,
      status: true,
      attempts: true,
      dueAt: true,
      sentAt: true,
      subject: true,
      lastError: true,
      warning: true,
    },
  });
  const names = new Map(
    (
      await db.reportSchedule.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.scheduleId))] } },
        select: { id: true, name: true },
      })
    ).map((s) => [s.id, s.name]),
  );
  return rows.map((row) => ({
    ...row,
    scheduleName: names.get(row.scheduleId) ?? '(deleted)',
    periodFrom: day(row.periodFrom),
    periodTo: day(row.periodTo),
    isTest: row.locationKey.startsWith('test:'),
    status: z.enum(DELIVERY_STATUSES).parse(row.status),
  }));
}

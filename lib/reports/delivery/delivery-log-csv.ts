import 'server-only';

import type { Db } from '@/lib/db/client';
import type { DeliveryFilter } from '@/lib/reports/delivery/list-deliveries';
import { formatCsvCell, formatCsvLine } from '@/lib/reports/csv';

const HEADERS = [
  'due_at',
  'schedule_id',
  'schedule_name',
  'period_from',
  'period_to',
  'location_key',
  'status',
  'attempts',
  'sent_at',
  'subject',
  'to',
  'last_error',
  'warning',
  'message_id',
] as const;

/**
 * The delivery log as CSV lines (header first, CRLF), newest due first, read in pages of
 * `pageSize` by keyset (due_at, id), so memory stays flat however long the log is. Same filters
 * as the page; text cells go through the one CSV writer's formula guard.
 */
export async function* deliveryLogCsvLines(
  db: Db,
  filter: DeliveryFilter,
  pageSize = 1000,
): AsyncGenerator<string> {
  yield formatCsvLine(HEADERS.map((h) => formatCsvCell(h)));
  const names = new Map(
    (await db.reportSchedule.findMany({ select: { id: true, name: true } })).map((s) => [
      s.id,
      s.name,
    ]),
  );
  const where = {
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
  };
  let after: { dueAt: Date; id: string } | null = null;
  for (;;) {
    const page: Array<{
      id: string;
      dueAt: Date;
      scheduleId: string;
      periodFrom: Date;
      periodTo: Date;
      locationKey: string;
      status: string;
      attempts: number;
      sentAt: Date | null;
      subject: string | null;
      toAddresses: unknown;
      lastError: string | null;
      warning: string | null;
      messageId: string;
    }> = await db.reportDelivery.findMany({
      where: after
        ? {
            AND: [
              where,
              {
                OR: [{ dueAt: { lt: after.dueAt } }, { dueAt: after.dueAt, id: { lt: after.id } }],
              },
            ],
          }
        : where,
      orderBy: [{ dueAt: 'desc' }, { id: 'desc' }],
      take: pageSize,
      select: {
        id: true,
        dueAt: true,
        scheduleId: true,
        periodFrom: true,
        periodTo: true,
        locationKey: true,
        status: true,
        attempts: true,
        sentAt: true,
        subject: true,
        toAddresses: true,
        lastError: true,
        warning: true,
        messageId: true,
      },
    });
    for (const d of page) {
      yield formatCsvLine([
        formatCsvCell(d.dueAt),
        formatCsvCell(d.scheduleId),
        formatCsvCell(names.get(d.scheduleId) ?? ''),
        formatCsvCell(d.periodFrom.toISOString().slice(0, 10)),
        formatCsvCell(d.periodTo.toISOString().slice(0, 10)),
        formatCsvCell(d.locationKey),
        formatCsvCell(d.status),
        formatCsvCell(d.attempts, 'numeric'),
        formatCsvCell(d.sentAt),
        formatCsvCell(d.subject),
        formatCsvCell(Array.isArray(d.toAddresses) ? d.toAddresses.join(' ') : ''),
        formatCsvCell(d.lastError),
        formatCsvCell(d.warning),
        formatCsvCell(d.messageId),
      ]);
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = { dueAt: last.dueAt, id: last.id };
  }
}

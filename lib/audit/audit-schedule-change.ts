import 'server-only';

import type { AuditActor } from '@/lib/audit/audit-actions';
import { writeAuditEntry } from '@/lib/audit/write-audit-entry';
import type { Db } from '@/lib/db/client';

/** What the audit log keeps of a schedule: what it is, never its recipients. */
export type ScheduleAuditValue = {
  name: string;
  report: string;
  coverage: string;
  cadence: string;
  sendTime: string;
  timezone: string;
  isPaused: boolean;
};

/** The schedule as the audit log keeps it, or null when there is no such schedule. */
export async function scheduleAuditValue(db: Db, id: string): Promise<ScheduleAuditValue | null> {
  return db.reportSchedule.findUnique({
    where: { id },
    select: {
      name: true,
      report: true,
      coverage: true,
      cadence: true,
      sendTime: true,
      timezone: true,
      isPaused: true,
    },
  });
}

/**
 * Writes the audit entry of a schedule change made by a server action (after the change: the
 * schedule use-cases run their own transactions), with the schedule before and after.
 */
export async function auditScheduleChange(
  db: Db,
  actor: AuditActor,
  action:
    | 'schedule.create'
    | 'schedule.update'
    | 'schedule.delete'
    | 'schedule.pause'
    | 'schedule.resume',
  id: string,
  before: ScheduleAuditValue | null,
): Promise<void> {
  const after = action === 'schedule.delete' ? null : await scheduleAuditValue(db, id);
  await writeAuditEntry(db, {
    actor,
    action,
    target: { type: 'schedule', id, label: (after ?? before)?.name ?? null },
    before,
    after,
  });
}

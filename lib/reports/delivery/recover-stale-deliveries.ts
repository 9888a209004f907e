import 'server-only';

import type { Db } from '@/lib/db/client';

export type RecoveryResult = { requeued: number; uncertain: number };

/**
 * Deliveries whose worker died while sending (still `sending` after their lease): one that never
 * reached the final dot (phase `claimed`) is queued again — the server accepted nothing; one that
 * did (phase `committing`) becomes `uncertain` and stays so until an admin resends it. Their open
 * attempt is closed as `crashed`.
 */
export async function recoverStaleDeliveries(
  db: Db,
  now: Date = new Date(),
): Promise<RecoveryResult> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; phase: string | null }[]>`
      UPDATE report_deliveries d
      SET status = CASE WHEN d.phase = 'committing' THEN 'uncertain' ELSE 'queued' END,
          last_error = CASE WHEN d.phase = 'committing'
            THEN 'The worker stopped after the message was handed to the mail server, before its reply was recorded: it may have been delivered. Resend it by hand if it was not.'
            ELSE 'The worker stopped before the mail server accepted the message; sending again.' END,
          next_attempt_at = ${now},
          phase = NULL,
          lease_expires_at = NULL,
          updated_at = ${now}
      FROM (SELECT id, phase FROM report_deliveries
            WHERE status = 'sending' AND lease_expires_at < ${now}
            FOR UPDATE SKIP LOCKED) old
      WHERE d.id = old.id
      RETURNING d.id, old.phase`;
    for (const row of rows) {
      await tx.deliveryAttempt.updateMany({
        where: { deliveryId: row.id, finishedAt: null },
        data: {
          finishedAt: now,
          outcome: 'crashed',
          detail:
            row.phase === 'committing'
              ? 'worker stopped after the final dot'
              : 'worker stopped before the server accepted the message',
        },
      });
    }
    return {
      requeued: rows.filter((row) => row.phase !== 'committing').length,
      uncertain: rows.filter((row) => row.phase === 'committing').length,
    };
  });
}

'use client';

import { useState, useTransition } from 'react';
import { deleteReportSchedule } from '@/lib/actions/schedules/delete-schedule';
import { pauseReportSchedule } from '@/lib/actions/schedules/pause-schedule';
import { resumeReportSchedule } from '@/lib/actions/schedules/resume-schedule';
import { sendTestEmail } from '@/lib/actions/schedules/send-test-email';
import { useRouter } from 'next/navigation';

/** Pause or resume, send a test to yourself, delete: each a server action, its result shown. */
export function ScheduleRowActions({ id, isPaused }: { id: string; isPaused: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const run = (action: () => Promise<{ ok: boolean; error?: { message: string } }>, done: string) =>
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? done : (result.error?.message ?? 'Something went wrong.'));
      router.refresh();
    });
  return (
    <div>
      <div className="actions" style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
        <button
          type="button"
          className="btn btn-small"
          disabled={isPending}
          onClick={() =>
            run(
              () => (isPaused ? resumeReportSchedule({ id }) : pauseReportSchedule({ id })),
              isPaused ? 'Resumed.' : 'Paused.',
            )
          }
        >
          {isPaused ? 'Resume' : 'Pause'}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={isPending}
          onClick={() =>
            startTransition(async () => {
              const result = await sendTestEmail({ id });
              setMessage(
                result.ok
                  ? `Test ${result.data.status === 'sent' ? 'sent' : result.data.status} to ${result.data.to}.`
                  : result.error.message,
              );
              router.refresh();
            })
          }
        >
          Send test now
        </button>
        <button
          type="button"
          className="btn btn-small btn-ghost"
          disabled={isPending}
          onClick={() => {
            if (window.confirm('Delete this schedule and its delivery log?'))
              run(() => deleteReportSchedule({ id }), 'Deleted.');
          }}
        >
          Delete
        </button>
      </div>
      {message ? (
        <p role="status" style={{ margin: '4px 0 0', fontSize: '0.85rem' }}>
          {message}
        </p>
      ) : null}
    </div>
  );
}

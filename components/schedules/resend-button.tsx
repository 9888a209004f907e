'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { resendReportDelivery } from '@/lib/actions/schedules/resend-delivery';

/** Resend an uncertain or failed delivery: the same email and Message-ID, on the next tick. */
export function ResendButton({ deliveryId }: { deliveryId: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  return (
    <span>
      <button
        type="button"
        className="btn btn-small"
        disabled={isPending}
        onClick={() =>
          startTransition(async () => {
            const result = await resendReportDelivery({ deliveryId });
            setMessage(result.ok ? 'Queued again.' : result.error.message);
            router.refresh();
          })
        }
      >
        Resend
      </button>
      {message ? <span role="status"> {message}</span> : null}
    </span>
  );
}

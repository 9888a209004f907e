'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { disconnectGhl } from '@/lib/actions/oauth/disconnect-ghl';
import type { ErrorDetail } from '@/lib/errors';

/**
 * Disconnects the Marketplace app after a confirmation: the stored tokens are deleted, cached
 * data stays, sub-accounts fall back to their own or the agency Private Integration Token.
 */
export function DisconnectGhlButton() {
  const router = useRouter();
  const [error, setError] = useState<ErrorDetail | null>(null);
  const [isPending, startTransition] = useTransition();
  const onClick = () => {
    if (
      !window.confirm(
        'Disconnect GoHighLevel? The stored tokens are deleted; cached data stays. Sub-accounts are then read with their own or the agency Private Integration Token, or not at all.',
      )
    )
      return;
    startTransition(async () => {
      const answer = await disconnectGhl({});
      setError(answer.ok ? null : answer.error);
      if (answer.ok) router.refresh();
    });
  };
  return (
    <div>
      <button type="button" className="btn" onClick={onClick} disabled={isPending}>
        {isPending ? 'Disconnecting…' : 'Disconnect'}
      </button>
      {error ? (
        <Alert tone="danger" title="Could not disconnect">
          <p>{error.message}</p>
        </Alert>
      ) : null}
    </div>
  );
}

'use client';

import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { startGhlConnect } from '@/lib/actions/oauth/start-ghl-connect';
import type { ErrorDetail } from '@/lib/errors';

/** Starts the connection (a stored, cookie-bound state) and goes to GHL's authorize page. */
export function ConnectGhlButton({ label }: { label: string }) {
  const [error, setError] = useState<ErrorDetail | null>(null);
  const [isPending, startTransition] = useTransition();
  const onClick = () =>
    startTransition(async () => {
      const result = await startGhlConnect({});
      if (!result.ok) {
        setError(result.error);
        return;
      }
      window.location.assign(result.data.authorizeUrl);
    });
  return (
    <div>
      <button type="button" className="btn btn-primary" onClick={onClick} disabled={isPending}>
        {isPending ? 'Opening GoHighLevel…' : label}
      </button>
      {error ? (
        <Alert tone="danger" title="Could not start connecting">
          <p>{error.message}</p>
        </Alert>
      ) : null}
    </div>
  );
}

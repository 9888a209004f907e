import { Alert } from '@/components/ui/alert';
import { AppError } from '@/lib/errors';

/**
 * A query that failed: an ended session gets a sign-in link back to this page; anything else
 * says what failed and offers a retry. `what` completes "… could not be loaded" / "to see …".
 */
export function LoadError({
  error,
  onRetry,
  what,
}: {
  error: unknown;
  onRetry: () => void;
  what: string;
}) {
  if (error instanceof AppError && error.code === 'unauthenticated') {
    const back =
      typeof window === 'undefined' ? '/' : `${window.location.pathname}${window.location.search}`;
    return (
      <Alert
        tone="warning"
        title="Your session has ended"
        action={
          <a className="btn btn-primary" href={`/login?callbackUrl=${encodeURIComponent(back)}`}>
            Sign in again
          </a>
        }
      >
        <p>Sign in again to see {what}.</p>
      </Alert>
    );
  }
  return (
    <Alert
      tone="danger"
      title={`${what[0]?.toUpperCase()}${what.slice(1)} could not be loaded`}
      action={
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      }
    >
      <p>{error instanceof Error ? error.message : 'Something went wrong.'}</p>
    </Alert>
  );
}

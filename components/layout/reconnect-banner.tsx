import Link from 'next/link';
import { getReconnectNotice } from '@/lib/oauth/get-reconnect-notice';

/**
 * On every signed-in page while the GoHighLevel connection needs reconnecting: why, and where
 * to fix it (admins get the link). One cached primary-key read per request.
 */
export async function ReconnectBanner({ isAdmin }: { isAdmin: boolean }) {
  const notice = await getReconnectNotice();
  if (!notice) return null;
  return (
    <div className="alert alert-warning" role="status" data-testid="reconnect-banner">
      <div style={{ flex: 1 }}>
        <p className="alert-title">GoHighLevel needs reconnecting</p>
        <p>
          {notice.message} Syncs that need it have stopped; cached data is shown.{' '}
          {isAdmin ? (
            <Link href="/settings/connect">Reconnect GoHighLevel</Link>
          ) : (
            'Ask an admin to reconnect it.'
          )}
        </p>
      </div>
    </div>
  );
}

import 'server-only';
import { cache } from 'react';
import { db } from '@/lib/db/client';
import { CONNECTION_ID } from './connection-store';

/**
 * What the header banner says on every signed-in page when the GoHighLevel connection needs
 * reconnecting, or null. One primary-key read per request (React `cache`); a database problem
 * hides the banner rather than failing the page.
 */
export const getReconnectNotice = cache(async (): Promise<{ message: string } | null> => {
  try {
    const row = await db().oAuthConnection.findUnique({
      where: { id: CONNECTION_ID },
      select: { status: true, statusMessage: true },
    });
    if (!row || row.status === 'connected') return null;
    return { message: row.statusMessage ?? 'GoHighLevel refused to refresh the connection.' };
  } catch {
    return null;
  }
});

import type { Metadata } from 'next';
import { ConnectGhlView } from '@/components/settings/connect-ghl-view';
import { SettingsFrame } from '@/components/settings/settings-frame';
import { requireAdmin } from '@/lib/auth/require-admin';
import { db } from '@/lib/db/client';
import { env, oauthSettings } from '@/lib/env';
import { connectFailureSchema } from '@/lib/oauth/connect-failures';
import { getOAuthConnectionStatus } from '@/lib/oauth/get-connection-status';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Connect GoHighLevel' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * `/settings/connect` (admins): the agency's GHL Marketplace connection — connect or reconnect,
 * its state (never a token), and the outcome of the last attempt (`?connected=1` or
 * `?error=<step>&status=<HTTP>` from the callback route).
 */
export default async function ConnectPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireAdmin('/settings/connect');
  const params = await searchParams;
  const failure = connectFailureSchema.safeParse(first(params.error));
  const status = Number(first(params.status));
  const settings = env();
  return (
    <SettingsFrame
      user={user}
      current="connect"
      title="Connect GoHighLevel"
      subtitle="Install the agency's Marketplace app once; every sub-account is then read with its own OAuth token, no Private Integration per location."
    >
      <ConnectGhlView
        status={await getOAuthConnectionStatus(db())}
        isConfigured={oauthSettings(settings) !== null && Boolean(settings.APP_ENCRYPTION_KEY)}
        justConnected={first(params.connected) === '1'}
        failure={failure.success ? failure.data : null}
        failureStatus={Number.isInteger(status) && status >= 100 && status < 600 ? status : null}
      />
    </SettingsFrame>
  );
}

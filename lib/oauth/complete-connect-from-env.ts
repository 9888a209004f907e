import 'server-only';
import { db } from '@/lib/db/client';
import { env, oauthSettings, requireEncryptionKey } from '@/lib/env';
import {
  completeConnect,
  type CompleteConnectInput,
  type CompleteConnectResult,
} from './complete-connect';

/** completeConnect with this process's settings (GHL_OAUTH_*, GHL_COMPANY_ID, the key). */
export async function completeConnectFromEnv(
  input: CompleteConnectInput,
): Promise<CompleteConnectResult> {
  const settings = env();
  return completeConnect(db(), input, {
    settings: oauthSettings(settings),
    key: settings.APP_ENCRYPTION_KEY ? requireEncryptionKey(settings) : null,
    ghl: { baseUrl: settings.GHL_API_BASE_URL },
    companyId: settings.GHL_COMPANY_ID ?? null,
  });
}

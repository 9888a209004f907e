import { pruneSignInRecordsJob } from './definitions/auth/prune-sign-in-records';
import { emailScheduleTick } from './definitions/email/email-schedule-tick';
import { sendReportEmail } from './definitions/email/send-report-email';
import { syncAgency } from './definitions/sync/sync-agency';
import { syncAgencyFull } from './definitions/sync/sync-agency-full';
import { syncAgencyIncremental } from './definitions/sync/sync-agency-incremental';
import { syncLocation } from './definitions/sync/sync-location';
import { refreshRecord } from './definitions/sync/refresh-record';
import { pruneWebhookEventsJob } from './definitions/sync/prune-webhook-events';
import type { JobDefinition } from './types';

/**
 * Every job the worker runs. A new job is one file under definitions/ and one line here; the
 * worker creates its queue, starts its handlers and installs its schedule from this list.
 */
export const jobRegistry: readonly JobDefinition[] = [
  syncLocation,
  syncAgency,
  syncAgencyIncremental,
  syncAgencyFull,
  pruneSignInRecordsJob,
  emailScheduleTick,
  sendReportEmail,
  refreshRecord,
  pruneWebhookEventsJob,
];

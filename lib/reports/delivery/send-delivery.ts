import 'server-only';

import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer';
import type { Db } from '@/lib/db/client';
import type { MailSettings } from '@/lib/env';
import {
  buildDeliveryEmail,
  CHART_CID,
  freshnessWarning,
  type DeliveryEmail,
} from '@/lib/reports/delivery/build-delivery-email';
import { classifySmtpError } from '@/lib/reports/mail/classify-smtp-error';
import { encodeQuotedPrintable } from '@/lib/reports/mail/encode-quoted-printable';
import { redactSmtpSecret } from '@/lib/reports/mail/redact-smtp-secret';
import { sendSmtpMessage } from '@/lib/reports/mail/send-smtp-message';
import { readReportSchedule } from '@/lib/reports/schedules/report-schedule';
import type { DeliveryStatus } from '@/lib/reports/schedules/schedule-schema';

/** What the claim returns of the row. */
type ClaimedRow = {
  scheduleId: string;
  periodFrom: string;
  periodTo: string;
  locationKey: string;
  dueAt: Date;
  attempts: number;
  messageId: string;
  subject: string | null;
  toAddresses: unknown;
  html: string | null;
  text: string | null;
  csv: string | null;
  csvFilename: string | null;
  chartPng: string | null;
  chartAlt: string | null;
};

/**
 * Sending one delivery, exactly once (docs/email.md "Exactly once"):
 *
 * 1. Claim: `queued`/`held` → `sending` (phase `claimed`, a lease) in one committed UPDATE; a row
 *    another worker holds is left alone.
 * 2. Render (first attempt only; a retry sends the stored email), apply the freshness gate, store
 *    the email and count the attempt — committed before any SMTP byte.
 * 3. SMTP: after the server took the envelope and the whole body, and before the final dot, the
 *    phase becomes `committing` (committed). A worker that dies before that point leaves a
 *    `claimed` row that recovery queues again (nothing was accepted); after it, an `uncertain`
 *    row that nothing resends by itself.
 * 4. The reply: `sent`; a 5xx is `failed` with the reply; a 4xx or a connection problem is queued
 *    again with capped exponential backoff, until MAX_ATTEMPTS.
 */

/** A claim lasts this long; a row still `sending` after it belongs to a dead worker. */
export const LEASE_MS = 5 * 60_000;
/** SMTP attempts before a transient failure becomes `failed`. */
export const MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 30 * 60_000;
/** How often a held delivery looks at its data again. */
export const HOLD_RECHECK_MS = 15 * 60_000;

/** Delay before the next attempt after `attempts` failed ones: 30 s doubling, at most 30 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export type SendOutcome =
  | { status: 'sent'; response: string }
  | { status: 'queued'; retryAt: Date; error: string }
  | { status: 'failed'; error: string }
  | { status: 'held'; until: Date }
  | { status: 'uncertain'; error: string }
  | { status: 'skipped'; reason: string };

/** Points a test can stop the process at (a SIGKILL), to prove what a crash there leaves. */
export type SendHooks = {
  afterClaim?: () => Promise<void> | void;
  beforeCommit?: () => Promise<void> | void;
  afterAccept?: () => Promise<void> | void;
};

export type SendDeliveryOptions = {
  settings: MailSettings;
  now?: () => Date;
  hooks?: SendHooks;
};

const addressOf = (mailbox: string) => /<([^<>]+)>/.exec(mailbox)?.[1] ?? mailbox.trim();

/**
 * The HTML part as it goes out, quoted-printable by our one-pass encoder: nodemailer's own
 * allocated ~1 MB per report email, half of all a burst email allocated. The bytes decode the
 * same. (`raw` is the whole MIME part; nodemailer's types allow it on an attachment-like.)
 */
function htmlPart(html: string): Mail.Attachment {
  return {
    raw: `Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${encodeQuotedPrintable(html)}`,
  };
}

/** The whole message: the stored email, its deterministic Message-ID, the CSV as an attachment. */
export async function composeMessage(
  settings: MailSettings,
  email: { messageId: string; subject: string; to: string[]; html: string; text: string },
  csv: { filename: string; content: string } | null,
  date: Date,
  chart: { png: Buffer; alt: string } | null = null,
): Promise<Buffer> {
  return new MailComposer({
    from: settings.from,
    to: email.to,
    subject: email.subject,
    messageId: email.messageId,
    date,
    text: email.text,
    html: htmlPart(email.html),
    attachments: [
      ...(chart
        ? [
            {
              filename: 'trend.png',
              content: chart.png,
              contentType: 'image/png',
              cid: CHART_CID,
              contentDisposition: 'inline' as const,
            },
          ]
        : []),
      ...(csv
        ? [
            {
              filename: csv.filename,
              content: Buffer.from(csv.content, 'utf8'),
              contentType: 'text/csv; charset=utf-8',
              contentTransferEncoding: 'base64' as const,
            },
          ]
        : []),
    ],
  })
    .compile()
    .build();
}

/** Sends one delivery (see the steps above). Safe to call for any row, any number of times. */
export async function sendDelivery(
  db: Db,
  deliveryId: string,
  options: SendDeliveryOptions,
): Promise<SendOutcome> {
  const now = options.now ?? (() => new Date());
  const hooks = options.hooks ?? {};
  const redact = (text: string) => redactSmtpSecret(text, options.settings);

  // 1. Claim, committed on its own (one statement: the row comes back with it).
  const claimedAt = now();
  const [delivery] = await db.$queryRaw<ClaimedRow[]>`
    UPDATE report_deliveries
    SET status = 'sending', phase = 'claimed', updated_at = ${claimedAt},
        lease_expires_at = ${new Date(claimedAt.getTime() + LEASE_MS)}
    WHERE id = ${deliveryId}::uuid AND status IN ('queued', 'held')
      AND next_attempt_at <= ${claimedAt}
    RETURNING schedule_id AS "scheduleId", period_from::text AS "periodFrom",
      period_to::text AS "periodTo", location_key AS "locationKey", due_at AS "dueAt",
      attempts, message_id AS "messageId", subject, to_addresses AS "toAddresses", html, text,
      csv, csv_filename AS "csvFilename", chart_png AS "chartPng", chart_alt AS "chartAlt"`;
  if (!delivery) {
    const row = await db.reportDelivery.findUnique({
      where: { id: deliveryId },
      select: { status: true },
    });
    return {
      status: 'skipped',
      reason: row ? `the delivery is ${row.status}` : 'no such delivery',
    };
  }
  await hooks.afterClaim?.();

  // A location's own email (a burst's) covers that location only (`coveredLocationIds`), so the
  // schedule's list of locations — 1,000 ids for a burst over 1,000 locations, read, parsed and
  // validated for every email — is left out and stands for this one location.
  const where = { id: delivery.scheduleId };
  const isLocationEmail = delivery.locationKey !== '' && !delivery.locationKey.startsWith('test:');
  const schedule = readReportSchedule(
    isLocationEmail
      ? {
          ...(await db.reportSchedule.findUniqueOrThrow({ where, omit: { locationIds: true } })),
          locationIds: [delivery.locationKey],
        }
      : await db.reportSchedule.findUniqueOrThrow({ where }),
  );

  // 2. Render once (a retry sends exactly what was stored), behind the freshness gate.
  let email: Pick<DeliveryEmail, 'subject' | 'to' | 'html' | 'text' | 'csv' | 'chart'>;
  let warning: string | null = null;
  if (delivery.subject !== null && delivery.html !== null && delivery.text !== null) {
    email = {
      subject: delivery.subject,
      to: Array.isArray(delivery.toAddresses) ? delivery.toAddresses.map(String) : [],
      html: delivery.html,
      text: delivery.text,
      csv:
        delivery.csv !== null && delivery.csvFilename !== null
          ? { filename: delivery.csvFilename, content: delivery.csv }
          : null,
      chart:
        delivery.chartPng !== null
          ? { png: Buffer.from(delivery.chartPng, 'base64'), alt: delivery.chartAlt ?? '' }
          : null,
    };
  } else {
    const renderedAt = now();
    const deadline = new Date(delivery.dueAt.getTime() + schedule.freshnessHoldHours * 3_600_000);
    const isHolding = schedule.freshnessMode === 'hold' && renderedAt < deadline;
    const rendered = await buildDeliveryEmail(db, {
      schedule,
      target: {
        period: { from: delivery.periodFrom, to: delivery.periodTo },
        locationKey: delivery.locationKey,
        ...(Array.isArray(delivery.toAddresses)
          ? { recipients: delivery.toAddresses.map(String) }
          : {}),
      },
      appUrl: options.settings.appUrl,
      now: renderedAt,
      warning: (stale) =>
        stale.length > 0 ? freshnessWarning(stale, schedule.freshnessMaxAgeHours) : null,
    });
    if (rendered.stale.length > 0 && isHolding) {
      const until = new Date(Math.min(deadline.getTime(), renderedAt.getTime() + HOLD_RECHECK_MS));
      await db.reportDelivery.updateMany({
        where: { id: deliveryId, status: 'sending' },
        data: {
          status: 'held',
          phase: null,
          leaseExpiresAt: null,
          nextAttemptAt: until,
          warning: `Held until the data is fresh (at the latest ${deadline.toISOString()}): ${freshnessWarning(rendered.stale, schedule.freshnessMaxAgeHours)}`,
          updatedAt: renderedAt,
        },
      });
      return { status: 'held', until };
    }
    if (rendered.to.length === 0) {
      await db.reportDelivery.updateMany({
        where: { id: deliveryId, status: 'sending' },
        data: {
          status: 'failed',
          phase: null,
          leaseExpiresAt: null,
          lastError: 'No recipients: add addresses to the schedule.',
          updatedAt: renderedAt,
        },
      });
      return { status: 'failed', error: 'No recipients' };
    }
    email = rendered;
    warning =
      rendered.stale.length > 0
        ? freshnessWarning(rendered.stale, schedule.freshnessMaxAgeHours)
        : null;
  }

  // The email (first attempt) and the attempt's count, committed before any SMTP byte.
  const attempt = delivery.attempts + 1;
  const startedAt = now();
  const isNew = delivery.subject === null;
  await db.$executeRaw`
    WITH d AS (
      UPDATE report_deliveries
      SET attempts = ${attempt}, updated_at = ${startedAt},
          subject = ${email.subject}, to_addresses = ${JSON.stringify(email.to)}::jsonb,
          html = ${email.html}, text = ${email.text},
          csv = ${email.csv?.content ?? null}, csv_filename = ${email.csv?.filename ?? null},
          chart_png = ${email.chart?.png.toString('base64') ?? null},
          chart_alt = ${email.chart?.alt ?? null},
          warning = CASE WHEN ${isNew} THEN ${warning}::text ELSE warning END
      WHERE id = ${deliveryId}::uuid
      RETURNING id)
    INSERT INTO delivery_attempts (delivery_id, attempt, started_at)
    SELECT id, ${attempt}, ${startedAt} FROM d`;

  /** The row's outcome and the attempt's, in one statement. */
  const finish = async (
    status: DeliveryStatus,
    lastError: string | null,
    outcome: string,
    detail: string,
    extra: { sentAt?: Date; nextAttemptAt?: Date } = {},
  ) => {
    const at = now();
    await db.$executeRaw`
      WITH d AS (
        UPDATE report_deliveries
        SET status = ${status}, phase = NULL, lease_expires_at = NULL, last_error = ${lastError},
            sent_at = coalesce(${extra.sentAt ?? null}::timestamptz, sent_at),
            next_attempt_at = coalesce(${extra.nextAttemptAt ?? null}::timestamptz, next_attempt_at),
            updated_at = ${at}
        WHERE id = ${deliveryId}::uuid
        RETURNING id)
      UPDATE delivery_attempts a SET finished_at = ${at}, outcome = ${outcome}, detail = ${detail}
      FROM d WHERE a.delivery_id = d.id AND a.attempt = ${attempt}`;
  };

  // 3. SMTP, with the commit point recorded before the final dot.
  let isCommitting = false;
  try {
    const raw = await composeMessage(
      options.settings,
      { ...email, messageId: delivery.messageId },
      email.csv,
      delivery.dueAt,
      email.chart,
    );
    const accepted = await sendSmtpMessage(
      options.settings,
      { from: addressOf(options.settings.from), to: email.to, raw },
      {
        beforeCommit: async () => {
          // updateMany: `update` would read back the whole row, the stored email with it (~30 KB
          // parsed twice per email, kept across the SMTP round trips and so promoted by V8).
          const marked = await db.reportDelivery.updateMany({
            where: { id: deliveryId },
            data: { phase: 'committing', updatedAt: now() },
          });
          if (marked.count !== 1) throw new Error(`Delivery ${deliveryId} no longer exists.`);
          isCommitting = true;
          await hooks.beforeCommit?.();
        },
      },
    );
    await hooks.afterAccept?.();
    const response = redact(accepted.response);
    const rejected = accepted.rejected.length
      ? `Refused recipients: ${accepted.rejected.join(', ')}`
      : null;
    await finish('sent', rejected, 'sent', rejected ? `${response}; ${rejected}` : response, {
      sentAt: now(),
    });
    return { status: 'sent', response };
  } catch (error) {
    const failure = classifySmtpError(error);
    const reply = redact(failure.reply);
    const failedAt = now();
    // After the final dot without a reply, the server may have accepted the message.
    const hasReply =
      typeof error === 'object' &&
      error !== null &&
      'responseCode' in error &&
      !!error.responseCode;
    if (isCommitting && !hasReply) {
      await finish(
        'uncertain',
        `No reply after the message was sent: ${reply}`,
        'uncertain',
        reply,
      );
      return { status: 'uncertain', error: reply };
    }
    if (failure.isPermanent || attempt >= MAX_ATTEMPTS) {
      const message = failure.isPermanent ? reply : `Gave up after ${attempt} attempts: ${reply}`;
      await finish('failed', message, 'failed', reply);
      return { status: 'failed', error: message };
    }
    const retryAt = new Date(failedAt.getTime() + retryDelayMs(attempt));
    await finish('queued', reply, 'retry', reply, { nextAttemptAt: retryAt });
    return { status: 'queued', retryAt, error: reply };
  }
}

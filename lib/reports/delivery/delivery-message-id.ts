import { createHash } from 'node:crypto';

/** What makes a delivery one email: its row's unique key. */
export type DeliveryKey = {
  scheduleId: string;
  periodFrom: string;
  periodTo: string;
  locationKey: string;
};

/**
 * The delivery's Message-ID, the same every time it is computed (from the delivery's unique key
 * and the sender's domain), so a manual resend of an uncertain delivery carries the same id and
 * mail clients collapse the two copies.
 */
export function deliveryMessageId(key: DeliveryKey, mailFrom: string): string {
  const address = /<([^<>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
  const domain = address.split('@')[1]?.trim() || 'agency-pulse.invalid';
  const hash = createHash('sha256')
    .update([key.scheduleId, key.periodFrom, key.periodTo, key.locationKey].join('\n'))
    .digest('hex')
    .slice(0, 32);
  return `<report.${hash}@${domain}>`;
}

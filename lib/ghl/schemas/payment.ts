import { z } from 'zod';
import { isoDateTime, optionalNumber, optionalString } from './common';

/**
 * What every payments record carries. Amounts are decimal major units in `currency` (ISO code);
 * never sum across currencies. Status is an open string (`succeeded`, `completed`, `active`, …).
 */
const paymentRecord = {
  _id: z.string().min(1),
  status: z.string(),
  liveMode: z.boolean(),
  amount: z.number(),
  currency: z.string().min(1),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
};

/** A transaction from `GET /payments/transactions`. */
export const transactionSchema = z.object({
  ...paymentRecord,
  amountRefunded: optionalNumber,
  /** Required by the spec: what sold it (funnel, invoice, …). */
  entitySourceType: z.string(),
});
export type GhlTransaction = z.infer<typeof transactionSchema>;

/** An order from `GET /payments/orders`. */
export const orderSchema = z.object({
  ...paymentRecord,
  sourceType: optionalString,
});
export type GhlOrder = z.infer<typeof orderSchema>;

/** A subscription from `GET /payments/subscriptions`. */
export const subscriptionSchema = z.object({
  ...paymentRecord,
  entitySourceType: optionalString,
});
export type GhlSubscription = z.infer<typeof subscriptionSchema>;

/** `{ data: [...], totalCount }`, shared by the three payments lists. */
export const paymentsListEnvelope = z.looseObject({
  data: z.array(z.unknown()),
  totalCount: z.number().int().nonnegative(),
});

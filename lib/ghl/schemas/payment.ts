import { z } from 'zod';
import { isoDateTime, optionalNumber, optionalString } from './common';

/** Amounts are decimal major units in `currency` (ISO code); never sum across currencies. */
const money = {
  amount: z.number(),
  currency: z.string().min(1),
};

/** A transaction from `GET /payments/transactions`. Status is an open string (e.g. `succeeded`). */
export const transactionSchema = z.object({
  _id: z.string().min(1),
  status: z.string(),
  liveMode: z.boolean(),
  ...money,
  amountRefunded: optionalNumber,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  /** Required by the spec: what sold it (funnel, invoice, …). */
  entitySourceType: z.string(),
});
export type GhlTransaction = z.infer<typeof transactionSchema>;

/** An order from `GET /payments/orders`. Status is an open string (e.g. `completed`). */
export const orderSchema = z.object({
  _id: z.string().min(1),
  status: z.string(),
  liveMode: z.boolean(),
  ...money,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  sourceType: optionalString,
});
export type GhlOrder = z.infer<typeof orderSchema>;

/** A subscription from `GET /payments/subscriptions`. Status is an open string (e.g. `active`). */
export const subscriptionSchema = z.object({
  _id: z.string().min(1),
  status: z.string(),
  liveMode: z.boolean(),
  ...money,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  entitySourceType: optionalString,
});
export type GhlSubscription = z.infer<typeof subscriptionSchema>;

/** `{ data: [...], totalCount }`, shared by the three payments lists. */
export const paymentsListEnvelope = z.looseObject({
  data: z.array(z.unknown()),
  totalCount: z.number().int().nonnegative(),
});

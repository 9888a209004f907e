import { iso, money, spreadTime, type LocationContext } from './context';
import { ENTITY_CODE, generateContact } from './gen-contacts';
import { objectId, prefixedId } from './ids';
import { Rng, hash32 } from './prng';
import type { Order, Stored, Subscription, Transaction } from './types';

const DAY_MS = 86_400_000;

function currencyFor(ctx: LocationContext, rng: Rng): string {
  const [main = 'USD', second] = ctx.loc.currencies;
  return second !== undefined && rng.chance(0.3) ? second : main;
}

function price(rng: Rng, currency: string, min: number, max: number): number {
  return money(
    currency === 'JPY' ? rng.float(min * 100, max * 100) : rng.float(min, max),
    currency,
  );
}

function payer(
  ctx: LocationContext,
  rng: Rng,
): { contactId: string; contactName: string; contactEmail?: string } {
  const contact = generateContact(ctx, rng.int(0, Math.max(0, ctx.loc.sizes.contacts - 1))).rec;
  const name = `${contact.firstName} ${contact.lastName}`;
  return contact.email === null
    ? { contactId: contact.id, contactName: name }
    : { contactId: contact.id, contactName: name, contactEmail: contact.email };
}

function ip(rng: Rng): string {
  return `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** Subscription `key` (needed by transactions that bill a subscription). */
export function generateSubscription(
  ctx: LocationContext,
  key: number,
  createdAt?: number,
): Stored<Subscription> {
  const rng = new Rng(hash32(ctx.seed, ENTITY_CODE.subscriptions, ctx.loc.index, key));
  const added = createdAt ?? spreadTime(rng, ctx.nowMs);
  const id = objectId(added, ctx.seed, ENTITY_CODE.subscriptions, ctx.loc.index, key);
  const currency = currencyFor(ctx, rng);
  const status: Subscription['status'] =
    createdAt !== undefined
      ? 'active'
      : rng.weighted([
          ['active', 0.6],
          ['canceled', 0.22],
          ['past_due', 0.1],
          ['trialing', 0.05],
          ['incomplete_expired', 0.03],
        ]);
  const canceledAt =
    status === 'canceled' ? Math.min(ctx.nowMs, added + rng.int(30, 200) * DAY_MS) : undefined;
  const updated = canceledAt ?? Math.min(ctx.nowMs, added + rng.int(0, 60) * DAY_MS);
  const providerId = prefixedId('sub', ctx.seed, ENTITY_CODE.subscriptions, ctx.loc.index, key);
  const interval = rng.chance(0.85) ? 'month' : 'year';
  const rec: Subscription = {
    _id: id,
    altId: ctx.loc.id,
    altType: 'location',
    ...payer(ctx, rng),
    currency,
    amount: price(
      rng,
      currency,
      interval === 'month' ? 19 : 190,
      interval === 'month' ? 499 : 4_990,
    ),
    status,
    liveMode: !rng.chance(0.05),
    entityType: 'order',
    entityId: objectId(added, ctx.seed, 0x5e1, ctx.loc.index, key),
    entitySourceType: rng.pick(['funnel', 'payment_link', 'invoice', 'membership']),
    entitySourceName: rng.pick(['Monthly Membership', 'Pro Plan', 'Care Plan, Premium']),
    entitySourceId: objectId(added, ctx.seed, 0x5e2, ctx.loc.index, key),
    entitySourceMeta: {},
    subscriptionId: providerId,
    subscriptionSnapshot: {
      id: providerId,
      object: 'subscription',
      status,
      interval,
      currency: currency.toLowerCase(),
    },
    paymentProviderType: rng.pick(['stripe', 'stripe', 'paypal']),
    paymentProviderConnectedAccount: prefixedId('acct', ctx.seed, ctx.loc.index),
    ipAddress: ip(rng),
    createdAt: iso(added),
    updatedAt: iso(updated),
  };
  if (canceledAt !== undefined) rec.canceledAt = iso(canceledAt);
  return { key, id, added, updated, rec };
}

/** Order `key`. */
export function generateOrder(
  ctx: LocationContext,
  key: number,
  createdAt?: number,
): Stored<Order> {
  const rng = new Rng(hash32(ctx.seed, ENTITY_CODE.orders, ctx.loc.index, key));
  const added = createdAt ?? spreadTime(rng, ctx.nowMs);
  const id = objectId(added, ctx.seed, ENTITY_CODE.orders, ctx.loc.index, key);
  const currency = currencyFor(ctx, rng);
  const status =
    createdAt !== undefined
      ? 'pending'
      : rng.weighted([
          ['completed', 0.75],
          ['pending', 0.1],
          ['cancelled', 0.05],
          ['refunded', 0.06],
          ['partially_refunded', 0.04],
        ]);
  const paymentStatus: Order['paymentStatus'] =
    status === 'completed'
      ? 'paid'
      : status === 'refunded'
        ? 'refunded'
        : status === 'partially_refunded'
          ? 'partially_paid'
          : 'unpaid';
  const subtotal = price(rng, currency, 10, 2_000);
  const discount = rng.chance(0.15) ? money(subtotal * rng.float(0.05, 0.3), currency) : 0;
  const totalProducts = rng.int(1, 3);
  const recurringProducts = rng.chance(0.2) ? 1 : 0;
  const updated = Math.min(
    ctx.nowMs,
    added + (status === 'completed' ? 0 : rng.int(0, 20) * DAY_MS),
  );
  const rec: Order = {
    _id: id,
    altId: ctx.loc.id,
    altType: 'location',
    ...payer(ctx, rng),
    currency,
    amount: money(subtotal - discount, currency),
    subtotal,
    discount,
    status,
    paymentStatus,
    liveMode: !rng.chance(0.05),
    totalProducts,
    sourceType: rng.pick([
      'funnel',
      'website',
      'invoice',
      'payment_link',
      'calendar',
      'point_of_sale',
    ]),
    sourceName: rng.pick(['Spring Sale Funnel', 'Checkout, v2', 'Booking "Deluxe"']),
    sourceId: objectId(added, ctx.seed, 0x0e1, ctx.loc.index, key),
    sourceMeta: {},
    sourceSubType: rng.pick(['one_step_order_form', 'two_step_order_form', 'upsell', 'store']),
    fulfillmentStatus: status === 'completed' && rng.chance(0.6) ? 'fulfilled' : 'unfulfilled',
    onetimeProducts: totalProducts - recurringProducts,
    recurringProducts,
    createdAt: iso(added),
    updatedAt: iso(updated),
  };
  if (discount > 0) rec.couponCode = rng.pick(['SAVE10', 'WELCOME', 'BF-2026']);
  return { key, id, added, updated, rec };
}

/**
 * Transaction `key`. Boundary keys are live, succeeded charges exactly on (or 1 ms before) a local
 * midnight. `chargeSnapshot.amount` is in minor units, as a raw provider object would be.
 */
export function generateTransaction(
  ctx: LocationContext,
  key: number,
  createdAt?: number,
): Stored<Transaction> {
  const rng = new Rng(hash32(ctx.seed, ENTITY_CODE.transactions, ctx.loc.index, key));
  const boundary = createdAt === undefined ? ctx.boundaryTimes[key] : undefined;
  const added = createdAt ?? boundary ?? spreadTime(rng, ctx.nowMs);
  const id = objectId(added, ctx.seed, ENTITY_CODE.transactions, ctx.loc.index, key);
  const currency = currencyFor(ctx, rng);
  const amount = price(rng, currency, 5, 2_000);
  const status: Transaction['status'] =
    boundary !== undefined || createdAt !== undefined
      ? 'succeeded'
      : rng.weighted([
          ['succeeded', 0.75],
          ['failed', 0.1],
          ['refunded', 0.07],
          ['partially_refunded', 0.08],
        ]);
  const amountRefunded =
    status === 'refunded'
      ? amount
      : status === 'partially_refunded'
        ? money(amount * rng.float(0.1, 0.9), currency)
        : 0;
  const updated =
    status === 'refunded' || status === 'partially_refunded'
      ? Math.min(ctx.nowMs, added + rng.int(1, 30) * DAY_MS)
      : added;
  const source = rng.weighted([
    ['funnel', 0.35],
    ['invoice', 0.2],
    ['subscription', 0.2],
    ['payment_link', 0.1],
    ['calendar', 0.1],
    ['membership', 0.05],
  ]);
  const chargeId = prefixedId('ch', ctx.seed, ENTITY_CODE.transactions, ctx.loc.index, key);
  const rec: Transaction = {
    _id: id,
    altId: ctx.loc.id,
    altType: 'location',
    ...payer(ctx, rng),
    currency,
    amount,
    amountRefunded,
    status,
    liveMode: boundary !== undefined || !rng.chance(0.06),
    entityType:
      source === 'invoice' ? 'invoice' : source === 'subscription' ? 'subscription' : 'order',
    entityId: objectId(added, ctx.seed, 0x7e1, ctx.loc.index, key),
    entitySourceType: source,
    entitySourceSubType:
      source === 'funnel'
        ? rng.pick(['one_step_order_form', 'two_step_order_form', 'upsell'])
        : 'default',
    entitySourceName: rng.pick([
      'Spring Sale Funnel',
      'Invoice #1001',
      'Care Plan, Premium',
      '=Total',
    ]),
    entitySourceId: objectId(added, ctx.seed, 0x7e2, ctx.loc.index, key),
    entitySourceMeta: {},
    chargeId,
    chargeSnapshot: {
      id: chargeId,
      object: 'charge',
      amount: currency === 'JPY' ? amount : Math.round(amount * 100),
      amount_refunded: currency === 'JPY' ? amountRefunded : Math.round(amountRefunded * 100),
      currency: currency.toLowerCase(),
      status: status === 'failed' ? 'failed' : 'succeeded',
    },
    paymentProviderType: rng.pick(['stripe', 'stripe', 'stripe', 'paypal', 'authorize-net']),
    paymentProviderConnectedAccount: prefixedId('acct', ctx.seed, ctx.loc.index),
    ipAddress: ip(rng),
    paymentMethod: {
      card: { brand: rng.pick(['visa', 'mastercard', 'amex']), last4: String(rng.int(1000, 9999)) },
    },
    createdAt: iso(added),
    updatedAt: iso(updated),
    fulfilledAt: iso(added),
  };
  if (source === 'subscription' && ctx.loc.sizes.subscriptions > 0) {
    const sub = generateSubscription(ctx, rng.int(0, ctx.loc.sizes.subscriptions - 1)).rec;
    rec.subscriptionId = sub.subscriptionId;
    rec.entityId = sub._id;
  }
  return { key, id, added, updated, rec };
}

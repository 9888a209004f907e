import { createPrivateKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import { Rng, hash32 } from '../world/prng';
import type { MutationResult } from '../world/mutate';
import type { EntityName } from '../world/types';
import type { World } from '../world/world';

/**
 * Sends GHL-style signed webhooks for every mutation of the simulated world: one event per
 * created, updated or deleted record, `POST`ed as JSON to `url` with `x-wh-signature` =
 * base64 RSA-SHA256 over the raw body (sim/webhooks/README in docs/sync.md). Deliveries can be
 * dropped, duplicated and reordered on purpose (seeded, so a run replays the same way): GHL's
 * own notes say to treat webhooks as hints and keep polling.
 */
export type WebhookSenderOptions = {
  /** Where events go, e.g. `http://127.0.0.1:3000/api/webhooks/ghl`. */
  url: string;
  /** PEM (PKCS#8 or PKCS#1) RSA private key; the receiver is configured with its public key. */
  privateKey: string | KeyObject;
  /** Share of events never sent (0…1). */
  drop?: number;
  /** Share of events sent twice (the same webhookId and body). */
  duplicate?: number;
  /**
   * Reordering: each delivery takes a random event among the first `reorder` waiting ones
   * instead of the oldest (1 = in order).
   */
  reorder?: number;
  /** Deliveries in flight at once (default 4). */
  concurrency?: number;
  seed?: number;
  /** Replaces the body's `timestamp` (tests of the replay window). */
  timestamp?: () => string;
};

export type SentEvent = {
  webhookId: string;
  type: string;
  locationId: string;
  entity: EntityName;
  recordId: string;
  /** Wall-clock ms when the change happened (for change → report latency). */
  changedAt: number;
  dropped: boolean;
  /** HTTP status of the (last) delivery, null while waiting or when the request failed. */
  status: number | null;
};

export type WebhookSender = {
  /** Every event made so far, dropped ones included. */
  readonly events: readonly SentEvent[];
  stats(): {
    events: number;
    dropped: number;
    duplicates: number;
    delivered: number;
    failed: number;
  };
  /** Resolves when nothing is waiting or in flight. */
  flush(): Promise<void>;
  /** Stops listening to mutations (waiting events are still sent by `flush`). */
  detach(): void;
};

const TYPES: Record<EntityName, { create: string; update: string; delete: string; idKey: string }> =
  {
    contacts: {
      create: 'ContactCreate',
      update: 'ContactUpdate',
      delete: 'ContactDelete',
      idKey: 'id',
    },
    opportunities: {
      create: 'OpportunityCreate',
      update: 'OpportunityUpdate',
      delete: 'OpportunityDelete',
      idKey: 'id',
    },
    // GHL documents order events; transaction and subscription events are the simulator's own
    // names for the same idea (the receiver maps any Transaction*/Subscription* type).
    transactions: {
      create: 'TransactionCreate',
      update: 'TransactionUpdate',
      delete: 'TransactionDelete',
      idKey: '_id',
    },
    orders: {
      create: 'OrderCreate',
      update: 'OrderStatusUpdate',
      delete: 'OrderDelete',
      idKey: '_id',
    },
    subscriptions: {
      create: 'SubscriptionCreate',
      update: 'SubscriptionUpdate',
      delete: 'SubscriptionDelete',
      idKey: '_id',
    },
  };

type Delivery = { event: SentEvent; body: string; signature: string };

/** Starts sending a webhook for every later `world.mutate` (see WebhookSenderOptions). */
export function attachWebhookSender(world: World, options: WebhookSenderOptions): WebhookSender {
  const key =
    typeof options.privateKey === 'string'
      ? createPrivateKey(options.privateKey)
      : options.privateKey;
  const rng = new Rng(hash32(options.seed ?? world.seed, 0x3e6b));
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const reorder = Math.max(1, Math.floor(options.reorder ?? 1));
  const events: SentEvent[] = [];
  const waiting: Delivery[] = [];
  const counts = { duplicates: 0, delivered: 0, failed: 0 };
  let inFlight = 0;
  const idle: Array<() => void> = [];

  const settleIdle = () => {
    if (waiting.length > 0 || inFlight > 0) return;
    for (const resolve of idle.splice(0)) resolve();
  };

  const pump = () => {
    while (inFlight < concurrency && waiting.length > 0) {
      const index = rng.int(0, Math.min(reorder, waiting.length) - 1);
      const [delivery] = waiting.splice(index, 1);
      if (!delivery) break;
      inFlight++;
      void deliver(delivery).finally(() => {
        inFlight--;
        pump();
        settleIdle();
      });
    }
    settleIdle();
  };

  async function deliver(delivery: Delivery): Promise<void> {
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wh-signature': delivery.signature },
        body: delivery.body,
      });
      await response.arrayBuffer();
      delivery.event.status = response.status;
      if (response.ok) counts.delivered++;
      else counts.failed++;
    } catch {
      counts.failed++;
    }
  }

  const enqueue = (
    locationId: string,
    entity: EntityName,
    action: 'create' | 'update' | 'delete',
    id: string,
  ) => {
    const spec = TYPES[entity];
    const event: SentEvent = {
      webhookId: randomUUID(),
      type: spec[action],
      locationId,
      entity,
      recordId: id,
      changedAt: Date.now(),
      dropped: rng.chance(options.drop ?? 0),
      status: null,
    };
    events.push(event);
    if (event.dropped) return;
    const payload: Record<string, unknown> = {
      type: event.type,
      locationId,
      [spec.idKey]: id,
      ...(spec.idKey === '_id' ? { altId: locationId, altType: 'location' } : {}),
      timestamp: options.timestamp?.() ?? new Date().toISOString(),
      webhookId: event.webhookId,
    };
    const body = JSON.stringify(payload);
    const signature = sign('sha256', Buffer.from(body), key).toString('base64');
    waiting.push({ event, body, signature });
    if (rng.chance(options.duplicate ?? 0)) {
      counts.duplicates++;
      // The copy goes somewhere later in the queue, as a redelivery would.
      waiting.splice(rng.int(0, waiting.length), 0, { event, body, signature });
    }
  };

  const listener = (locationId: string, result: MutationResult) => {
    for (const [action, byEntity] of [
      ['update', result.updated],
      ['delete', result.deleted],
      ['create', result.created],
    ] as const) {
      for (const [entity, ids] of Object.entries(byEntity) as [EntityName, string[]][])
        for (const id of ids) enqueue(locationId, entity, action, id);
    }
    pump();
  };
  world.mutationListeners.push(listener);

  return {
    events,
    stats: () => ({
      events: events.length,
      dropped: events.filter((e) => e.dropped).length,
      duplicates: counts.duplicates,
      delivered: counts.delivered,
      failed: counts.failed,
    }),
    flush: () =>
      new Promise<void>((resolve) => {
        idle.push(resolve);
        pump();
      }),
    detach() {
      const at = world.mutationListeners.indexOf(listener);
      if (at >= 0) world.mutationListeners.splice(at, 1);
    },
  };
}

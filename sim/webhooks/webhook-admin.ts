import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import type { World } from '../world/world';
import { attachWebhookSender, type WebhookSender } from './sender';

/**
 * `/__sim/webhooks`: turns the webhook sender on and off over HTTP, for a simulator running in
 * another process than the test (e2e, `npm run sim`, demos). One sender at a time.
 *
 * - `POST /__sim/webhooks {url, privateKey?, drop?, duplicate?, reorder?, concurrency?, seed?}`:
 *   from now on every mutation (`POST /__sim/mutate`) is POSTed to `url`, signed with
 *   `privateKey` (PEM), else with a key pair the simulator makes once (its public key is in the
 *   answer, to configure the receiver with). `{url: null}` stops.
 * - `GET /__sim/webhooks`: `{url, publicKey, stats, events}` (events: the last 100 sent).
 */
export type WebhookAdmin = {
  handle(method: 'GET' | 'POST', body: unknown): unknown;
};

type Active = { url: string; key: KeyObject; sender: WebhookSender };

const share = (value: unknown, name: string): number | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    throw new Error(`${name} must be a number from 0 to 1`);
  return value;
};

const count = (value: unknown, name: string): number | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number above 0`);
  return value;
};

export function createWebhookAdmin(world: World): WebhookAdmin {
  let active: Active | null = null;
  let ownKey: KeyObject | null = null;
  const publicPem = (key: KeyObject) =>
    createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  const describe = () => ({
    url: active?.url ?? null,
    publicKey: active ? publicPem(active.key) : null,
    stats: active?.sender.stats() ?? null,
    events: active?.sender.events.slice(-100) ?? [],
  });
  return {
    handle(method, body) {
      if (method === 'GET') return describe();
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new Error('body must be a JSON object');
      const input = body as Record<string, unknown>;
      if (input.url === null) {
        active?.sender.detach();
        active = null;
        return describe();
      }
      if (typeof input.url !== 'string' || !/^https?:\/\//.test(input.url))
        throw new Error('url must be an http(s) URL, or null to stop');
      if (input.privateKey !== undefined && typeof input.privateKey !== 'string')
        throw new Error('privateKey must be a PEM string');
      let key: KeyObject;
      if (typeof input.privateKey === 'string') {
        key = createPrivateKey(input.privateKey);
      } else {
        ownKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
        key = ownKey;
      }
      const options = {
        url: input.url,
        privateKey: key,
        drop: share(input.drop, 'drop'),
        duplicate: share(input.duplicate, 'duplicate'),
        reorder: count(input.reorder, 'reorder'),
        concurrency: count(input.concurrency, 'concurrency'),
        seed: count(input.seed, 'seed'),
      };
      active?.sender.detach();
      active = { url: input.url, key, sender: attachWebhookSender(world, options) };
      return describe();
    },
  };
}

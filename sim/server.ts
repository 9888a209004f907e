import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin';
import { applyFaults, resetFaults, type Faults } from './faults';
import { handleOAuth } from './oauth/oauth-routes';
import type { OAuthServer } from './oauth/oauth-server';
import { handleApi, json, type ApiResponse } from './pipeline';
import { createState, latencyFor, type SimConfig, type SimulatorOptions } from './state';
import type { SimStats } from './stats';
import type { Mutation, MutationResult } from './world/mutate';
import type { ChurnOptions, World } from './world/world';
import {
  attachWebhookSender,
  type WebhookSender,
  type WebhookSenderOptions,
} from './webhooks/sender';

export type { SimulatorOptions, SimConfig } from './state';
export type { Faults, MalformedFault, BurstFault, ServerErrorFault, ScopeEntity } from './faults';
export type { SimStats } from './stats';
export type { OAuthConfig, OAuthOptions, OAuthStats } from './oauth/oauth-server';
export type { Mutation, MutationResult } from './world/mutate';
export type { WebhookSender, WebhookSenderOptions, SentEvent } from './webhooks/sender';

export type Simulator = {
  /** Base URL, e.g. `http://127.0.0.1:PORT` (use as GHL_API_BASE_URL). */
  url: string;
  port: number;
  companyId: string;
  agencyToken: string;
  /** Ground truth: the same records the API serves. */
  world: World;
  /** Live fault settings: assign fields directly, or use setFaults/resetFaults. */
  faults: Faults;
  /** Live settings: mode, latencyMs, rateLimit, retryAfter. */
  config: SimConfig;
  /** The Marketplace OAuth app: config (lifetimes, inactive locations), stats, expire/revoke. */
  oauth: OAuthServer;
  setFaults(patch: Partial<Faults>): void;
  resetFaults(): void;
  mutate(locationId: string, mutation: Mutation): MutationResult;
  churn(options?: ChurnOptions): { round: number; at: string };
  stats(): SimStats;
  resetStats(): void;
  resetRateLimits(): void;
  /** Sends signed webhooks for every later mutation (sim/webhooks/sender.ts). */
  sendWebhooks(options: WebhookSenderOptions): WebhookSender;
  close(): Promise<void>;
};

const MAX_BODY_BYTES = 1_000_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function write(res: ServerResponse, response: ApiResponse): void {
  res.writeHead(response.status, {
    ...response.headers,
    'Content-Length': Buffer.byteLength(response.body),
  });
  res.end(response.body);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the GHL API v2 simulator on 127.0.0.1 (see docs/contracts.md, "sim/ programmatic API"). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const state = createState(options);
  let baseUrl = '';

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', baseUrl);
      let bodyText: string;
      try {
        bodyText = await readBody(req);
      } catch (error) {
        write(
          res,
          json(413, {
            statusCode: 413,
            message: (error as Error).message,
            error: 'Payload Too Large',
          }),
        );
        return;
      }
      const oauthResponse = handleOAuth(state, state.oauth, {
        method: req.method ?? 'GET',
        url,
        headers: req.headers,
        bodyText,
      });
      if (oauthResponse) {
        write(res, oauthResponse);
        return;
      }
      if (url.pathname.startsWith('/__sim/')) {
        write(res, handleAdmin(state, req.method ?? 'GET', url.pathname, bodyText, baseUrl));
        return;
      }
      state.stats.begin();
      const { response, outcome } = handleApi(state, {
        method: req.method ?? 'GET',
        url,
        headers: req.headers,
        bodyText,
        baseUrl,
      });
      const delay = latencyFor(state);
      if (delay > 0) await sleep(delay);
      state.stats.end(
        {
          at: new Date().toISOString(),
          method: req.method ?? 'GET',
          path: url.pathname,
          endpoint: outcome.endpoint,
          status: response.status,
          locationId: outcome.locationId,
          tokenKind: outcome.tokenKind,
          injected: outcome.injected,
        },
        outcome.budgetExceeded,
      );
      write(res, response);
    })().catch((error: unknown) => {
      if (!res.headersSent)
        write(
          res,
          json(500, { statusCode: 500, message: String(error), error: 'Internal Server Error' }),
        );
    });
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;

  return {
    url: baseUrl,
    port: address.port,
    companyId: state.world.companyId,
    agencyToken: state.world.agencyToken,
    world: state.world,
    faults: state.faults,
    config: state.config,
    oauth: state.oauth,
    setFaults: (patch) => applyFaults(state.faults, patch),
    resetFaults: () => resetFaults(state.faults),
    mutate: (locationId, mutation) => state.world.mutate(locationId, mutation),
    churn: (churnOptions) => state.world.churn(churnOptions),
    stats: () => state.stats.snapshot(),
    resetStats: () => state.stats.reset(),
    resetRateLimits: () => state.limiter.reset(),
    sendWebhooks: (webhookOptions) => attachWebhookSender(state.world, webhookOptions),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

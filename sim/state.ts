import type { AccessMode } from './auth';
import { applyFaults, defaultFaults, type Faults } from './faults';
import { OAuthServer, type OAuthOptions } from './oauth/oauth-server';
import { REAL_RATE_LIMIT, RateLimiter, type RateLimitConfig } from './rate-limit';
import { StatsCollector } from './stats';
import { createWebhookAdmin, type WebhookAdmin } from './webhooks/webhook-admin';
import { Rng, hash32 } from './world/prng';
import { World, type WorldOptions } from './world/world';

export type Latency = number | { min: number; max: number };
/** Which 429s carry `Retry-After` (seconds): all, none, or every other one (default). */
export type RetryAfterPolicy = 'always' | 'never' | 'alternate';

export type SimulatorOptions = WorldOptions & {
  /** Default 'seed' (agency PIT reads everything); 'strict' is what GHL does. */
  mode?: AccessMode;
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Budget per (token, resource); defaults to the real one; `false` = unlimited. */
  rateLimit?: Partial<RateLimitConfig> | false;
  /** Added to every API response: fixed ms or a uniform range. Default 0. */
  latencyMs?: Latency;
  retryAfter?: RetryAfterPolicy;
  /** Faults active from the start. */
  faults?: Partial<Faults>;
  /** The Marketplace OAuth app (client, token lifetimes): sim/oauth/. */
  oauth?: OAuthOptions;
};

/** Settings that can change while the simulator runs (`sim.config`, `POST /__sim/config`). */
export type SimConfig = {
  mode: AccessMode;
  latencyMs: Latency;
  rateLimit: RateLimitConfig;
  retryAfter: RetryAfterPolicy;
};

export type SimState = {
  world: World;
  faults: Faults;
  config: SimConfig;
  limiter: RateLimiter;
  stats: StatsCollector;
  oauth: OAuthServer;
  /** The webhook sender switched on over HTTP (`/__sim/webhooks`). */
  webhooks: WebhookAdmin;
  /** Seeded streams so fault probabilities and latency jitter replay the same way. */
  faultRandom: () => number;
  latencyRandom: () => number;
  retryAfterCounter: number;
  serverErrorCounter: number;
};

const UNLIMITED: RateLimitConfig = {
  max: Number.MAX_SAFE_INTEGER,
  intervalMs: 1_000,
  daily: Number.MAX_SAFE_INTEGER,
};

export function resolveRateLimit(
  value: Partial<RateLimitConfig> | false | undefined,
): RateLimitConfig {
  if (value === false) return { ...UNLIMITED };
  return { ...REAL_RATE_LIMIT, ...value };
}

export function createState(options: SimulatorOptions): SimState {
  const world = new World(options);
  const faults = defaultFaults();
  if (options.faults) applyFaults(faults, options.faults);
  const config: SimConfig = {
    mode: options.mode ?? 'seed',
    latencyMs: options.latencyMs ?? 0,
    rateLimit: resolveRateLimit(options.rateLimit),
    retryAfter: options.retryAfter ?? 'alternate',
  };
  const faultRng = new Rng(hash32(world.seed, 0xfa17));
  const latencyRng = new Rng(hash32(world.seed, 0x1a7e));
  return {
    world,
    faults,
    config,
    limiter: new RateLimiter(() => config.rateLimit),
    stats: new StatsCollector(),
    oauth: new OAuthServer(world, options.oauth),
    webhooks: createWebhookAdmin(world),
    faultRandom: () => faultRng.next(),
    latencyRandom: () => latencyRng.next(),
    retryAfterCounter: 0,
    serverErrorCounter: 0,
  };
}

export function latencyFor(state: SimState): number {
  const latency = state.config.latencyMs;
  if (typeof latency === 'number') return latency;
  return latency.min + state.latencyRandom() * (latency.max - latency.min);
}

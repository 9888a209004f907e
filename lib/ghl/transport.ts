import { GhlBudgetExhaustedError } from './errors';
import { DailyBudgetSpent, type RateLimiter } from './limiter';
import {
  sendOnce,
  toGhlError,
  type AttemptResult,
  type GhlRequest,
  type SendDeps,
} from './request';
import { retryDelay, type RetryPolicy } from './retry';
import type { CallContext, GhlCallEvent, OnCall, Sleep } from './types';

/** A successful call: the parsed JSON body and GHL's traceId. */
export type CallResult = { body: unknown; traceId: string | null; status: number };

/** Runs one logical call: limiter → HTTP → report → retry or throw a GhlError. */
export type Transport = {
  call(ctx: CallContext, req: GhlRequest, signal?: AbortSignal): Promise<CallResult>;
};

export type TransportDeps = SendDeps & {
  limiter: RateLimiter;
  policy: RetryPolicy;
  sleep: Sleep;
  random: () => number;
  onCall?: OnCall;
};

function errorInit(ctx: CallContext) {
  return {
    endpoint: ctx.endpoint,
    locationId: ctx.locationId,
    tokenKind: ctx.tokenKind,
    tokenFingerprint: ctx.tokenFingerprint,
  };
}

function report(onCall: OnCall | undefined, event: GhlCallEvent): void {
  if (!onCall) return;
  try {
    const maybe = onCall(event);
    if (maybe && typeof maybe.then === 'function') maybe.then(undefined, () => undefined);
  } catch {
    // A failing call-log hook must not fail the sync.
  }
}

/**
 * Creates the transport shared by all endpoints of one client. Each attempt first takes a slot
 * from the (token, resource) bucket; 429 pauses that bucket for the backoff (Retry-After or full
 * jitter capped by the rate interval); 5xx/network/timeouts back off with full jitter; 401, 403
 * and other 4xx fail at once; daily budget 0 fails with GhlBudgetExhaustedError.
 */
export function createTransport(deps: TransportDeps): Transport {
  async function acquire(ctx: CallContext, signal?: AbortSignal) {
    try {
      return await deps.limiter.acquire(ctx.bucketKey, signal);
    } catch (error) {
      if (!(error instanceof DailyBudgetSpent)) throw error;
      throw new GhlBudgetExhaustedError({
        ...errorInit(ctx),
        status: null,
        ghlMessage: null,
        traceId: null,
        resetAt: new Date(error.resetAt).toISOString(),
      });
    }
  }

  return {
    async call(callCtx, req, signal) {
      let ctx = callCtx;
      let isRenewed = false;
      let rateLimitedRetries = 0;
      let otherRetries = 0;
      for (let attempt = 1; ; attempt++) {
        const permit = await acquire(ctx, signal);
        let result: AttemptResult;
        try {
          result = await sendOnce(deps, ctx, req, signal);
        } catch (error) {
          permit.release(null);
          throw error;
        }
        permit.release(result.rate, result.failure === 'rate_limited', result.retryAfterMs);
        report(deps.onCall, {
          endpoint: ctx.endpoint,
          locationId: ctx.locationId,
          status: result.status,
          durationMs: result.durationMs,
          tokenKind: ctx.tokenKind,
          tokenFingerprint: ctx.tokenFingerprint,
          rateLimitRemaining: result.rate.remaining,
          rateLimitMax: result.rate.max,
          dailyRemaining: result.rate.dailyRemaining,
          attempt,
          traceId: result.traceId,
        });
        if (result.failure === null) {
          return { body: result.body, traceId: result.traceId, status: result.status ?? 200 };
        }

        // An OAuth location token expired or was revoked: one more try with a fresh one.
        if (result.failure === 'token_invalid' && ctx.renew && !isRenewed) {
          isRenewed = true;
          ctx = await ctx.renew();
          continue;
        }
        if (result.failure === 'rate_limited' && result.rate.dailyRemaining === 0) {
          const resetAt = deps.limiter.state(ctx.bucketKey)?.dailyResetAt ?? deps.clock.now();
          throw new GhlBudgetExhaustedError({
            ...errorInit(ctx),
            status: result.status,
            ghlMessage: result.ghlMessage,
            traceId: result.traceId,
            resetAt: new Date(resetAt).toISOString(),
          });
        }
        const isRateLimited = result.failure === 'rate_limited';
        const retry = isRateLimited ? ++rateLimitedRetries : ++otherRetries;
        const bucket = deps.limiter.state(ctx.bucketKey);
        // 429 backoff is bounded by the rate interval: after it the window has emptied anyway.
        const capMs = isRateLimited
          ? (result.rate.intervalMs ?? bucket?.intervalMs ?? deps.policy.maxDelayMs)
          : deps.policy.maxDelayMs;
        const delay = retryDelay({
          kind: result.failure,
          retry,
          retryAfterMs: result.retryAfterMs,
          capMs,
          policy: deps.policy,
          random: deps.random,
        });
        if (delay === null) throw toGhlError(ctx, result, attempt);
        if (isRateLimited) {
          deps.limiter.pause(ctx.bucketKey, delay);
        } else {
          await deps.sleep(delay, signal);
          if (signal?.aborted) throw signal.reason;
        }
      }
    },
  };
}

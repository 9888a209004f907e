import { QueryClient } from '@tanstack/react-query';
import { AppError } from '@/lib/errors';

/** Report data changes only when a sync finishes; a minute of freshness saves refetches. */
const STALE_TIME_MS = 60_000;

/**
 * The one QueryClient factory, used by the browser provider and by server pages that prefetch
 * (a fresh client per request on the server). Client errors (4xx: signed out, bad period, not
 * allowed) are answers, not glitches: they are never retried.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: STALE_TIME_MS,
        retry: (failureCount, error) => {
          if (error instanceof AppError && error.status < 500) return false;
          return failureCount < 2;
        },
      },
    },
  });
}

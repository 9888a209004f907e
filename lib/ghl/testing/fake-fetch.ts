/** A request as the fake upstream saw it. */
export type RecordedRequest = { url: URL; method: string; headers: Headers; body: unknown };

/** What a scripted upstream answers: a Response, or an Error to simulate a network failure. */
export type FakeReply = Response | Error | 'hang';

/** A JSON response with optional headers. */
export function jsonReply(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Rate-limit headers as GHL sends them. */
export function rateHeaders(
  remaining: number,
  daily = 199_000,
  max = 100,
  intervalMs = 10_000,
): Record<string, string> {
  return {
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-max': String(max),
    'x-ratelimit-interval-milliseconds': String(intervalMs),
    'x-ratelimit-daily-remaining': String(daily),
    'x-ratelimit-limit-daily': '200000',
  };
}

/**
 * An injectable `fetch` whose answers come from `handler` (called with the parsed request and its
 * 0-based index). 'hang' never answers until the request's signal aborts.
 */
export function scriptedFetch(handler: (req: RecordedRequest, index: number) => FakeReply) {
  const requests: RecordedRequest[] = [];
  const fakeFetch: typeof fetch = async (input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
    );
    const raw = init?.body;
    const recorded: RecordedRequest = {
      url,
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof raw === 'string' ? JSON.parse(raw) : undefined,
    };
    requests.push(recorded);
    const reply = handler(recorded, requests.length - 1);
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
      });
    }
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return { fetch: fakeFetch, requests };
}

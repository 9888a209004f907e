import type { Simulator } from './server';

export type SimResponse<T = any> = { status: number; headers: Headers; body: T };

/** A bare GHL-style call for sim tests: right headers by default, any of them overridable. */
export async function call<T = any>(
  sim: Pick<Simulator, 'url' | 'agencyToken'>,
  path: string,
  options: {
    token?: string | null;
    method?: 'GET' | 'POST';
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<SimResponse<T>> {
  const headers: Record<string, string> = { Version: '2021-07-28', Accept: 'application/json' };
  const token = options.token === undefined ? sim.agencyToken : options.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${sim.url}${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: { ...headers, ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Non-JSON bodies (the injected 502 page) stay text.
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

/** Walks every contacts page with searchAfter; returns ids in served order. */
export async function allContactIds(
  sim: Pick<Simulator, 'url' | 'agencyToken'>,
  locationId: string,
  extra: Record<string, unknown> = {},
  token?: string,
): Promise<string[]> {
  const ids: string[] = [];
  let searchAfter: unknown;
  for (;;) {
    const res = await call(sim, '/contacts/search', {
      token,
      body: { locationId, pageLimit: 500, ...extra, ...(searchAfter ? { searchAfter } : {}) },
    });
    if (res.status !== 200)
      throw new Error(`contacts search ${res.status}: ${JSON.stringify(res.body)}`);
    const page = res.body.contacts as { id: string; searchAfter: unknown }[];
    for (const c of page) ids.push(c.id);
    if (page.length < 500) return ids;
    searchAfter = page[page.length - 1]?.searchAfter;
  }
}

import { createGhlClient, type GhlClientOptions } from '../client';
import { agencyOnlyResolver, type CredentialResolver } from '../credentials';
import type { GhlCallEvent } from '../types';
import { FakeTime } from './fake-time';
import { scriptedFetch, type FakeReply, type RecordedRequest } from './fake-fetch';

export const AGENCY_TOKEN = 'pit-0a1b2c3d-agency-secret-4e5f';
export const LOCATION_TOKEN = 'pit-9f8e7d6c-location-secret-5b4a';
export const COMPANY_ID = 'comp_test';

/** Agency token for /locations, a location PIT for everything else. */
export const testResolver: CredentialResolver = {
  ...agencyOnlyResolver(AGENCY_TOKEN, COMPANY_ID),
  tokenForLocation: async () => ({ token: LOCATION_TOKEN, kind: 'location' }),
};

/** A client on a scripted upstream and virtual time; `events` collects onCall reports. */
export function testClient(
  handler: (req: RecordedRequest, index: number) => FakeReply,
  overrides: Partial<GhlClientOptions> = {},
) {
  const time = new FakeTime();
  const upstream = scriptedFetch(handler);
  const events: GhlCallEvent[] = [];
  const client = createGhlClient({
    baseUrl: 'https://ghl.test',
    credentials: testResolver,
    fetch: upstream.fetch,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
    onCall: (e) => {
      events.push(e);
    },
    ...overrides,
  });
  return { client, time, requests: upstream.requests, events };
}

/** Collects every page of a paged call. */
export async function allPages<P>(pages: AsyncIterable<P>): Promise<P[]> {
  const out: P[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

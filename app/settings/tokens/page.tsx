import type { Metadata } from 'next';
import { LocationTokensView, type TokenRow } from '@/components/settings/location-tokens-view';
import { SettingsFrame } from '@/components/settings/settings-frame';
import { requireAdmin } from '@/lib/auth/require-admin';
import { db } from '@/lib/db/client';
import { getSyncHealth } from '@/lib/metrics/get-sync-health';
import { listLocationTokens } from '@/lib/sync/location-tokens';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Location tokens' };

const PAGE_SIZE = 25;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * `/settings/tokens` (admins): the token each location uses (by fingerprint) and its access per
 * entity from the sync health data; set, replace or remove a token. Never the token itself.
 */
export default async function TokensPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireAdmin('/settings/tokens');
  const params = await searchParams;
  const query = (first(params.q) ?? '').trim().slice(0, 200);
  const problemsOnly = first(params.problems) === '1';
  const [health, tokens] = await Promise.all([getSyncHealth(db(), {}), listLocationTokens(db())]);
  const fingerprints = new Map(tokens.map((t) => [t.locationId, t.fingerprint]));
  const needle = query.toLowerCase();
  const matching = health.locations.filter(
    (l) =>
      (!problemsOnly || l.hasProblems) &&
      (needle === '' ||
        l.name.toLowerCase().includes(needle) ||
        l.locationId.toLowerCase().includes(needle)),
  );
  const pageCount = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  const page = Math.min(pageCount, Math.max(1, Number(first(params.page)) || 1));
  const rows: TokenRow[] = matching
    .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
    .map((l) => ({ ...l, fingerprint: fingerprints.get(l.locationId) ?? null }));
  return (
    <SettingsFrame
      user={user}
      current="tokens"
      title="Location tokens"
      subtitle="Which token each sub-account is read with, what it can read, and what to do when it cannot."
    >
      <LocationTokensView
        rows={rows}
        total={matching.length}
        query={query}
        problemsOnly={problemsOnly}
        page={page}
        pageCount={pageCount}
      />
    </SettingsFrame>
  );
}

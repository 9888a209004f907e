import Link from 'next/link';
import { LocationTokenForm } from '@/components/settings/location-token-form';
import { groupAccessProblems, STATUS_LABELS } from '@/lib/metrics/format-sync-health';
import type { LocationHealth } from '@/lib/metrics/get-sync-health';
import styles from './settings.module.css';

export type TokenRow = LocationHealth & { fingerprint: string | null };

/**
 * Location tokens: per location which token the sync uses (the agency's, or its own by
 * fingerprint), each entity's access state with the fix in words, and the form to set, replace
 * or remove its token. Filtered and paged on the server (thousands of locations).
 */
export function LocationTokensView({
  rows,
  total,
  query,
  problemsOnly,
  page,
  pageCount,
}: {
  rows: TokenRow[];
  total: number;
  query: string;
  problemsOnly: boolean;
  page: number;
  pageCount: number;
}) {
  const pageHref = (n: number) => {
    const params = new URLSearchParams();
    if (query) params.set('q', query);
    if (problemsOnly) params.set('problems', '1');
    if (n > 1) params.set('page', String(n));
    return `/settings/tokens?${params.toString()}`;
  };
  return (
    <>
      <section className="card" aria-labelledby="tokens-filter-heading">
        <h2 id="tokens-filter-heading" className={styles.sectionTitle}>
          Find a location
        </h2>
        <form method="get" className={styles.filters}>
          <div className="field">
            <label htmlFor="tokens-q">Name or id</label>
            <input id="tokens-q" name="q" className="input" type="search" defaultValue={query} />
          </div>
          <label className={styles.row}>
            <input type="checkbox" name="problems" value="1" defaultChecked={problemsOnly} />
            With access problems only
          </label>
          <button type="submit" className="btn btn-primary">
            Show
          </button>
        </form>
        <p className={styles.hint} aria-live="polite">
          {total.toLocaleString('en-US')} {total === 1 ? 'location' : 'locations'}
          {pageCount > 1 ? `, page ${page} of ${pageCount}` : ''}.
        </p>
      </section>
      {rows.map((row) => (
        <section
          key={row.locationId}
          className="card"
          aria-labelledby={`loc-${row.locationId}`}
          data-location-id={row.locationId}
        >
          <h2 id={`loc-${row.locationId}`} className={styles.sectionTitle}>
            {row.name} <span className="muted">({row.locationId})</span>
          </h2>
          <p data-testid="token-in-use">
            {row.fingerprint
              ? `Uses its own Private Integration Token, fingerprint ${row.fingerprint}.`
              : row.tokenKind === 'oauth'
                ? 'Uses an OAuth location token from the Marketplace connection.'
                : 'Uses the agency token.'}
          </p>
          <ul className={styles.chips} aria-label="Access per entity">
            {row.entities.map((entity) => (
              <li key={entity.entity} className="badge" title={entity.status}>
                {entity.entity}: {STATUS_LABELS[entity.status]}
              </li>
            ))}
          </ul>
          {groupAccessProblems(row.entities).map(({ entities, first }) => (
            <p key={entities.map((e) => e.entity).join()} className={styles.hint}>
              <strong>{entities.map((e) => e.entity).join(', ')}:</strong> {first.fix}
            </p>
          ))}
          <details>
            <summary>{row.fingerprint ? 'Replace or remove the token' : 'Set a token'}</summary>
            <LocationTokenForm
              locationId={row.locationId}
              locationName={row.name}
              hasOwnToken={row.fingerprint !== null}
            />
          </details>
        </section>
      ))}
      {pageCount > 1 ? (
        <nav aria-label="Pages" className={styles.row}>
          {page > 1 ? <Link href={pageHref(page - 1)}>Previous</Link> : null}
          {page < pageCount ? <Link href={pageHref(page + 1)}>Next</Link> : null}
        </nav>
      ) : null}
    </>
  );
}

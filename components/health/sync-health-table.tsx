import Link from 'next/link';
import { formatInstant } from '@/lib/metrics/format-report-value';
import { ENTITY_LABELS } from '@/lib/metrics/entity-labels';
import {
  formatRelative,
  groupAccessProblems,
  STATUS_LABELS,
} from '@/lib/metrics/format-sync-health';
import type { EntityHealth, LocationHealth } from '@/lib/metrics/get-sync-health';
import styles from './health.module.css';
import layout from '@/components/reports/dashboard.module.css';

const FRESHNESS = {
  fresh: { label: 'Fresh', className: styles.fresh },
  stale: { label: 'Stale', className: styles.stale },
  never: { label: 'Never synced', className: styles.never },
} as const;

function tone(entity: EntityHealth): 'ok' | 'problem' | 'waiting' {
  if (entity.fix !== null) return 'problem';
  return entity.status === 'ok' ? 'ok' : 'waiting';
}

/** Shows the command at the end of a fix as code, so it can be copied exactly. */
function FixText({ fix }: { fix: string }) {
  const at = fix.indexOf('npm run cli --');
  if (at < 0) return <>{fix}</>;
  return (
    <>
      {fix.slice(0, at)}
      <code>{fix.slice(at)}</code>
    </>
  );
}

function LastSync({ location, from }: { location: LocationHealth; from: string }) {
  if (!location.lastSyncedAt) return <span className="muted">never</span>;
  return (
    <>
      {formatRelative(location.lastSyncedAt, from)}
      <time dateTime={location.lastSyncedAt}>{formatInstant(location.lastSyncedAt)}</time>
    </>
  );
}

function Access({ location }: { location: LocationHealth }) {
  const problems = groupAccessProblems(location.entities);
  return (
    <>
      <ul className={styles.chips} aria-label={`Access to ${location.name}'s data`}>
        {location.entities.map((entity) => (
          <li
            key={entity.entity}
            className={styles.chip}
            data-tone={tone(entity)}
            data-entity={entity.entity}
            title={entity.status}
          >
            <span aria-hidden="true">
              {tone(entity) === 'ok' ? '✓' : tone(entity) === 'problem' ? '✕' : '…'}
            </span>
            {ENTITY_LABELS[entity.entity]}: {STATUS_LABELS[entity.status]}
          </li>
        ))}
      </ul>
      {problems.length > 0 ? (
        <ul className={styles.problems} aria-label={`Problems and fixes for ${location.name}`}>
          {problems.map(({ entities, first }) => (
            <li key={entities.map((e) => e.entity).join()} className={styles.problem}>
              <p>
                <strong>{entities.map((e) => ENTITY_LABELS[e.entity]).join(', ')}</strong>:{' '}
                <code>{first.status}</code>
                {first.message ? (
                  <span className={styles.said}> — GoHighLevel said: “{first.message}”</span>
                ) : null}
                {first.traceId ? (
                  <span className={styles.said}> (traceId {first.traceId})</span>
                ) : null}
              </p>
              <p className={styles.fix}>
                <strong>Fix:</strong> <FixText fix={first.fix!} />
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

function Usage({ usage }: { usage: LocationHealth['apiUsage'] }) {
  return (
    <>
      <td className={styles.numeric} data-label="Requests (24 h)">
        {usage.requests.toLocaleString('en-US')}
      </td>
      <td className={styles.numeric} data-label="429s">
        {usage.rateLimited > 0 ? (
          <span className={styles.headroomLow}>{usage.rateLimited.toLocaleString('en-US')}</span>
        ) : (
          '0'
        )}
      </td>
      <td className={styles.numeric} data-label="Min. headroom">
        {usage.minRemaining === null ? (
          <span className="muted">
            —<span className="sr-only"> not reported</span>
          </span>
        ) : (
          <span className={usage.minRemaining < 10 ? styles.headroomLow : undefined}>
            {usage.minRemaining.toLocaleString('en-US')}
          </span>
        )}
      </td>
    </>
  );
}

/**
 * One row per location: last complete sync, freshness, token in use, per-entity access with GHL's
 * words and the fix, and the last 24 hours of GHL requests. The name is the row header.
 */
export function SyncHealthTable({
  locations,
  generatedAt,
  staleAfterMinutes,
}: {
  locations: readonly LocationHealth[];
  generatedAt: string;
  staleAfterMinutes: number;
}) {
  return (
    <div
      className={layout.tableScroll}
      tabIndex={0}
      role="region"
      aria-labelledby="health-table-caption"
    >
      <table className={styles.table} data-stacks-on-phone="">
        <caption id="health-table-caption" className="sr-only">
          Sync health per location, locations with problems first. Fresh means a complete sync
          within the last {staleAfterMinutes} minutes.
        </caption>
        <thead>
          <tr>
            <th scope="col">Location</th>
            <th scope="col">Last complete sync</th>
            <th scope="col">Freshness</th>
            <th scope="col">Token</th>
            <th scope="col">Access per entity</th>
            <th scope="col" className={styles.numeric} title="GHL requests in the last 24 hours">
              Requests (24 h)
            </th>
            <th
              scope="col"
              className={styles.numeric}
              title="Requests GHL answered 429 (rate limited)"
            >
              429s
            </th>
            <th
              scope="col"
              className={styles.numeric}
              title="The fewest requests left in GHL's 10-second window (100 per location)"
            >
              Min. headroom
            </th>
          </tr>
        </thead>
        <tbody>
          {locations.length === 0 ? (
            <tr>
              <td colSpan={8} className="muted">
                No location has a problem.
              </td>
            </tr>
          ) : (
            locations.map((location) => {
              const freshness = FRESHNESS[location.freshness];
              return (
                <tr
                  key={location.locationId}
                  data-location-id={location.locationId}
                  data-has-problems={location.hasProblems || undefined}
                >
                  <th scope="row" className={styles.nameCell}>
                    <Link
                      prefetch={false}
                      href={`/locations/${encodeURIComponent(location.locationId)}`}
                    >
                      {location.name}
                    </Link>
                  </th>
                  <td className={styles.when} data-label="Last complete sync">
                    <LastSync location={location} from={generatedAt} />
                  </td>
                  <td className={styles.badgeCell} data-label="Freshness">
                    <span className={`badge ${freshness.className}`}>{freshness.label}</span>
                  </td>
                  <td data-testid="credential" data-label="Token">
                    {location.tokenKind === 'location'
                      ? "Location's own"
                      : location.tokenKind === 'oauth'
                        ? 'OAuth (Marketplace app)'
                        : 'Agency'}
                  </td>
                  <td className={styles.accessCell} data-label="Access per entity">
                    <Access location={location} />
                  </td>
                  <Usage usage={location.apiUsage} />
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}

import Link from 'next/link';
import { formatInstant } from '@/lib/metrics/format-report-value';
import { ENTITY_LABELS } from '@/lib/metrics/entity-labels';
import {
  formatRelative,
  groupAccessProblems,
  HEALTH_COLUMNS,
  STATUS_LABELS,
} from '@/lib/metrics/format-sync-health';
import type { EntityHealth, LocationHealth } from '@/lib/metrics/get-sync-health';
import styles from './health.module.css';
import layout from '@/components/reports/dashboard.module.css';
import { TableScroll } from '@/components/ui/table-scroll';

const FRESHNESS = {
  fresh: { label: 'Fresh', className: styles.fresh },
  stale: { label: 'Stale', className: styles.stale },
  never: { label: 'Never synced', className: styles.never },
} as const;

/** The table's columns, in order; their words (and the technical terms) come from the formatter. */
const COLUMN_ORDER = [
  'location',
  'lastSync',
  'freshness',
  'token',
  'access',
  'requests',
  'rateLimited',
  'minRemaining',
] as const satisfies readonly (keyof typeof HEALTH_COLUMNS)[];
const NUMERIC_COLUMNS: ReadonlySet<string> = new Set(['requests', 'rateLimited', 'minRemaining']);

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
                {STATUS_LABELS[first.status]}
                {first.message ? (
                  <span className={styles.said}> — GoHighLevel said: “{first.message}”</span>
                ) : null}
              </p>
              <p className={styles.fix}>
                <strong>Fix:</strong> <FixText fix={first.fix!} />
              </p>
              <details className={styles.technical}>
                <summary>Technical detail</summary>
                <p>
                  Status <code>{first.status}</code>, {first.tokenKind ?? 'unknown'} token
                  {first.traceId ? (
                    <>
                      , traceId <code>{first.traceId}</code>
                    </>
                  ) : null}
                </p>
              </details>
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
      <td className={styles.numeric} data-label={HEALTH_COLUMNS.requests.label}>
        {usage.requests.toLocaleString('en-US')}
      </td>
      <td className={styles.numeric} data-label={HEALTH_COLUMNS.rateLimited.label}>
        {usage.rateLimited > 0 ? (
          <span className={styles.headroomLow}>{usage.rateLimited.toLocaleString('en-US')}</span>
        ) : (
          '0'
        )}
      </td>
      <td className={styles.numeric} data-label={HEALTH_COLUMNS.minRemaining.label}>
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
    <TableScroll className={layout.tableScroll} labelledBy="health-table-caption">
      <table className={styles.table} data-stacks-on-phone="">
        <caption id="health-table-caption" className="sr-only">
          Sync health per location, locations with problems first. Fresh means a complete sync
          within the last {staleAfterMinutes} minutes.
        </caption>
        <thead>
          <tr>
            {COLUMN_ORDER.map((key) => (
              <th
                key={key}
                scope="col"
                className={NUMERIC_COLUMNS.has(key) ? styles.numeric : undefined}
                title={HEALTH_COLUMNS[key].technical}
              >
                {HEALTH_COLUMNS[key].label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {locations.length === 0 ? (
            <tr>
              <td colSpan={COLUMN_ORDER.length} className="muted">
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
                  <td className={styles.when} data-label={HEALTH_COLUMNS.lastSync.label}>
                    <LastSync location={location} from={generatedAt} />
                  </td>
                  <td className={styles.badgeCell} data-label={HEALTH_COLUMNS.freshness.label}>
                    <span className={`badge ${freshness.className}`}>{freshness.label}</span>
                  </td>
                  <td data-testid="credential" data-label={HEALTH_COLUMNS.token.label}>
                    {location.tokenKind === 'location'
                      ? "Location's own"
                      : location.tokenKind === 'oauth'
                        ? 'OAuth (Marketplace app)'
                        : 'Agency'}
                  </td>
                  <td className={styles.accessCell} data-label={HEALTH_COLUMNS.access.label}>
                    <Access location={location} />
                  </td>
                  <Usage usage={location.apiUsage} />
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * The columns' technical terms, for operators and support: open to read, reachable by keyboard
 * and screen reader (a header's title alone is not).
 */
export function HealthGlossary() {
  return (
    <details className={styles.glossary} data-testid="health-glossary">
      <summary>What the columns mean (technical terms)</summary>
      <dl>
        {COLUMN_ORDER.map((key) => (
          <div key={key}>
            <dt>{HEALTH_COLUMNS[key].label}</dt>
            <dd>{HEALTH_COLUMNS[key].technical}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

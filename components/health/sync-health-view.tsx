'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { LoadError } from '@/components/ui/load-error';
import { Skeleton } from '@/components/ui/skeleton';
import { DownloadLink } from '@/components/reports/csv-download-link';
import { formatInstant } from '@/lib/metrics/format-report-value';
import {
  describeRunStatus,
  describeSyncRun,
  formatRelative,
} from '@/lib/metrics/format-sync-health';
import type { SyncHealthResult } from '@/lib/metrics/get-sync-health';
import { syncHealthQueryOptions } from '@/lib/query/sync-health-query';
import { HealthGlossary, SyncHealthTable } from './sync-health-table';
import styles from './health.module.css';
import layout from '@/components/reports/dashboard.module.css';

function When({ iso, from }: { iso: string; from: string }) {
  return (
    <>
      {formatRelative(iso, from)}{' '}
      <span className="muted">
        (<time dateTime={iso}>{formatInstant(iso)}</time>)
      </span>
    </>
  );
}

/** The last sync run (agency-wide) and, when the worker schedules runs, when the next is due. */
function LastRun({ health }: { health: SyncHealthResult }) {
  const run = health.lastRun;
  const kind = run ? describeSyncRun(run) : null;
  const status = run ? describeRunStatus(run.status) : null;
  return (
    <section className={`card ${styles.runCard}`} aria-labelledby="last-run-heading">
      <h2 id="last-run-heading">Last sync run</h2>
      {run ? (
        <dl className={styles.runGrid}>
          <div>
            <dt>Outcome</dt>
            <dd data-testid="last-run-status" title={status!.technical}>
              {status!.label}
            </dd>
          </div>
          <div>
            <dt>Kind of sync</dt>
            <dd data-testid="last-run-kind" title={kind!.technical}>
              {kind!.label}
            </dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>
              <When iso={run.startedAt} from={health.generatedAt} />
            </dd>
          </div>
          <div>
            <dt>Finished</dt>
            <dd>
              {run.finishedAt ? (
                <When iso={run.finishedAt} from={health.generatedAt} />
              ) : (
                <span className="muted">not yet</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Locations done</dt>
            <dd>
              {run.locationsDone.toLocaleString('en-US')} of{' '}
              {run.locationsTotal.toLocaleString('en-US')}
            </dd>
          </div>
          {health.nextScheduledRunAt ? (
            <div>
              <dt>Next scheduled run</dt>
              <dd>
                <When iso={health.nextScheduledRunAt} from={health.generatedAt} />
              </dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p className={styles.runNote}>No sync has run yet.</p>
      )}
      {run ? (
        <details className={styles.technical} data-testid="last-run-technical">
          <summary>Technical detail</summary>
          <p>
            Mode <code>{run.mode}</code>, trigger <code>{run.trigger}</code>, status{' '}
            <code>{run.status}</code>.
          </p>
        </details>
      ) : null}
      <p className={styles.runNote}>
        Runs every {health.incrementalEveryMinutes} minutes while <code>npm run worker</code> is
        running; a location is stale when its last complete sync is older than{' '}
        {health.incrementalEveryMinutes * 2} minutes.
      </p>
    </section>
  );
}

function HealthSkeleton() {
  return (
    <div role="status" aria-live="polite" className={layout.content}>
      <span className="sr-only">Loading sync health…</span>
      <div className="card">
        <Skeleton width="30%" height={16} />
        <Skeleton width="80%" height={22} style={{ marginTop: 12 }} />
      </div>
      <div className={`card ${layout.tableCard}`} style={{ padding: 16 }}>
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} height={18} style={{ margin: '12px 0' }} />
        ))}
      </div>
    </div>
  );
}

function HealthEmpty({ seesAllLocations }: { seesAllLocations: boolean }) {
  return (
    <div className={`card ${layout.empty}`}>
      {seesAllLocations ? (
        <>
          <h2>No locations synced yet</h2>
          <p className="muted">
            Locations appear here once the first sync has read them from GoHighLevel. On the server,
            run:
          </p>
          <pre className={layout.command}>npm run cli -- sync</pre>
          <p className="muted">
            To keep them fresh, leave <code>npm run worker</code> running: it syncs on a schedule.
          </p>
        </>
      ) : (
        <>
          <h2>No locations assigned to you yet</h2>
          <p className="muted">
            Your account sees only the locations an admin has given it. Ask an admin to give you
            access.
          </p>
        </>
      )}
    </div>
  );
}

/**
 * Sync health for agency staff, from `GET /api/health/sync` (prefetched by the page): the last
 * run, then one row per location with freshness, token, access problems with their fix, and API
 * usage. Problems come first; "Only problems" hides the rest.
 */
export function SyncHealthView({ seesAllLocations }: { seesAllLocations: boolean }) {
  const query = useQuery(syncHealthQueryOptions());
  const [isOnlyProblems, setIsOnlyProblems] = useState(false);
  const locations = useMemo(() => query.data?.locations ?? [], [query.data]);
  const problemCount = useMemo(() => locations.filter((l) => l.hasProblems).length, [locations]);
  const visible = useMemo(
    () => (isOnlyProblems ? locations.filter((l) => l.hasProblems) : locations),
    [locations, isOnlyProblems],
  );

  let content: ReactNode;
  if (query.isPending) content = <HealthSkeleton />;
  else if (query.isError)
    content = (
      <LoadError error={query.error} onRetry={() => void query.refetch()} what="sync health" />
    );
  else if (locations.length === 0) {
    content = (
      <>
        <LastRun health={query.data} />
        <HealthEmpty seesAllLocations={seesAllLocations} />
      </>
    );
  } else {
    content = (
      <>
        <LastRun health={query.data} />
        <section className={`card ${layout.tableCard}`} aria-labelledby="health-locations-heading">
          <div className={layout.tableHead}>
            <div>
              <h2 id="health-locations-heading">Locations</h2>
              <p className={layout.tableMeta} role="status">
                {locations.length.toLocaleString('en-US')}{' '}
                {locations.length === 1 ? 'location' : 'locations'},{' '}
                {problemCount === 0
                  ? 'none with problems'
                  : `${problemCount.toLocaleString('en-US')} with problems (listed first)`}
              </p>
            </div>
            <label className={styles.toggle}>
              <input
                type="checkbox"
                checked={isOnlyProblems}
                onChange={(event) => setIsOnlyProblems(event.target.checked)}
              />
              Only problems
            </label>
          </div>
          <SyncHealthTable
            locations={visible}
            generatedAt={query.data.generatedAt}
            staleAfterMinutes={query.data.incrementalEveryMinutes * 2}
          />
          <HealthGlossary />
        </section>
      </>
    );
  }

  return (
    <main className={layout.page}>
      <div className={layout.pageHead}>
        <div>
          <h1>Sync health</h1>
          <p className={layout.subtitle}>
            How fresh each location&apos;s data is, what GoHighLevel refused and how to fix it. The
            same as <code>npm run cli -- status</code>.
          </p>
        </div>
        <DownloadLink
          href="/api/reports/sync-health.csv"
          label="Download CSV"
          isDisabled={query.isPending || query.isError}
        />
      </div>
      <div className={layout.content} aria-busy={query.isPending}>
        {content}
      </div>
    </main>
  );
}

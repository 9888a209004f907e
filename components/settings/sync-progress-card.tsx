'use client';

import { useQuery } from '@tanstack/react-query';
import { LoadError } from '@/components/ui/load-error';
import { formatInstant } from '@/lib/metrics/format-report-value';
import { syncProgressQueryOptions } from '@/lib/query/sync-progress-query';
import styles from './settings.module.css';

const STATUS_TEXT: Record<string, string> = {
  running: 'Running',
  ok: 'Finished',
  partial: 'Finished with problems',
  failed: 'Failed',
};

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * A sync run's progress, polled from the database every second while it runs: locations done of
 * total, records read, GHL requests and problems as they are recorded.
 */
export function SyncProgressCard({ runId }: { runId: string | null }) {
  const query = useQuery(syncProgressQueryOptions(runId));
  if (query.isPending) return <p className="muted">Loading the last sync…</p>;
  if (query.isError)
    return <LoadError error={query.error} onRetry={() => void query.refetch()} what="the sync" />;
  const progress = query.data.progress;
  if (!progress) return <p className="muted">No sync has run yet.</p>;
  const total = progress.locationsTotal;
  return (
    <section
      className="card"
      aria-labelledby="sync-progress-heading"
      aria-busy={progress.isRunning}
      data-status={progress.status}
    >
      <h2 id="sync-progress-heading" className={styles.sectionTitle}>
        {progress.isRunning ? 'Sync in progress' : 'Last sync'}:{' '}
        <span data-testid="sync-status">{STATUS_TEXT[progress.status] ?? progress.status}</span>
      </h2>
      <progress
        className={styles.progress}
        value={progress.locationsDone}
        max={Math.max(total, 1)}
        aria-label="Locations done"
      />
      <dl className={styles.stats}>
        <div>
          <dt>Locations</dt>
          <dd data-testid="sync-locations">
            {total === 0 && progress.isRunning
              ? 'finding locations…'
              : `${fmt(progress.locationsDone)} of ${fmt(total)}`}
          </dd>
        </div>
        <div>
          <dt>Records</dt>
          <dd data-testid="sync-records">{fmt(progress.records)}</dd>
        </div>
        <div>
          <dt>GHL requests</dt>
          <dd data-testid="sync-requests">{fmt(progress.requests)}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>
            {progress.mode} ({progress.trigger})
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatInstant(progress.startedAt)}</dd>
        </div>
        <div>
          <dt>Finished</dt>
          <dd>{progress.finishedAt ? formatInstant(progress.finishedAt) : '—'}</dd>
        </div>
      </dl>
      {progress.isRunning && progress.locationsDone === 0 ? (
        <p className={styles.hint}>
          Nothing done yet? The worker (<code>npm run worker</code>) picks queued syncs up; without
          one running, this run waits (and stops blocking new ones after two hours).
        </p>
      ) : null}
      {progress.problems.length > 0 ? (
        <>
          <h3 className={styles.sectionTitle}>Problems</h3>
          <ul>
            {progress.problems.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
          <p className={styles.hint}>
            Fixes are on <a href="/settings/tokens?problems=1">Location tokens</a>.
          </p>
        </>
      ) : null}
    </section>
  );
}

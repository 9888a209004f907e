'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, useTransition, type FormEvent } from 'react';
import { SyncProgressCard } from '@/components/settings/sync-progress-card';
import { Alert } from '@/components/ui/alert';
import { requestSync } from '@/lib/actions/sync/request-sync';
import type { ErrorDetail } from '@/lib/errors';
import { formatInstant } from '@/lib/metrics/format-report-value';
import { queryKeys } from '@/lib/query/query-keys';
import styles from './settings.module.css';

type Notice = { tone: 'info' | 'warning'; title: string; text: string };

/**
 * Sync now: the agency or one location, incremental or full, through the `sync/request-sync`
 * action, then the run's live progress. A press while a sync runs is refused with a message, and
 * the page follows the running one. Without a press it shows the latest run (also after a reload).
 */
export function SyncNowView({ locations }: { locations: { id: string; name: string }[] }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [runId, setRunId] = useState<string | null>(null);
  const [scope, setScope] = useState<'agency' | 'location'>('agency');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<ErrorDetail | null>(null);
  const [isPending, startTransition] = useTransition();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const typed = String(data.get('location') ?? '').trim();
    // The list shows "Name (id)"; an id typed on its own works too.
    const locationId = scope === 'location' ? (/\(([^()]+)\)$/.exec(typed)?.[1] ?? typed) : '';
    startTransition(async () => {
      const result = await requestSync({
        mode: data.get('mode') === 'full' ? 'full' : 'incremental',
        locationId,
      });
      if (!result.ok) {
        setError(result.error);
        setNotice(null);
        return;
      }
      setError(null);
      setRunId(result.data.runId);
      await queryClient.invalidateQueries({ queryKey: queryKeys.syncProgress(result.data.runId) });
      setNotice(
        result.data.status === 'queued'
          ? { tone: 'info', title: 'Sync queued', text: 'Progress appears below as it runs.' }
          : {
              tone: 'warning',
              title: 'A sync is already running',
              text: `It started ${formatInstant(result.data.startedAt)} (${result.data.trigger}); nothing new was queued. Its progress is below.`,
            },
      );
    });
  };

  return (
    <>
      <section className="card" aria-labelledby="sync-now-heading">
        <h2 id="sync-now-heading" className={styles.sectionTitle}>
          Start a sync
        </h2>
        <form className={styles.form} onSubmit={onSubmit} aria-label="Sync now">
          <fieldset className={styles.picker}>
            <legend>What to sync</legend>
            <label className={styles.row}>
              <input
                type="radio"
                name="scope"
                value="agency"
                checked={scope === 'agency'}
                onChange={() => setScope('agency')}
              />
              The whole agency
            </label>
            <label className={styles.row}>
              <input
                type="radio"
                name="scope"
                value="location"
                checked={scope === 'location'}
                onChange={() => setScope('location')}
              />
              One location
            </label>
            {scope === 'location' ? (
              <div className="field">
                <label htmlFor={`${id}-location`}>Location (type to search)</label>
                <input
                  id={`${id}-location`}
                  name="location"
                  className="input"
                  list={`${id}-locations`}
                  autoComplete="off"
                  required
                />
                <datalist id={`${id}-locations`}>
                  {locations.map((location) => (
                    <option key={location.id} value={`${location.name} (${location.id})`} />
                  ))}
                </datalist>
              </div>
            ) : null}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-mode`}>Kind</label>
            <select id={`${id}-mode`} name="mode" className="input" defaultValue="incremental">
              <option value="incremental">Incremental: what changed since the last sync</option>
              <option value="full">Full: re-read everything and drop what GHL deleted</option>
            </select>
          </div>
          <button type="submit" className="btn btn-primary" disabled={isPending}>
            {isPending ? 'Queuing…' : 'Sync now'}
          </button>
        </form>
      </section>
      {error ? (
        <Alert tone="danger" title="No sync was queued">
          <p>{error.message}</p>
        </Alert>
      ) : null}
      {notice ? (
        <Alert tone={notice.tone} title={notice.title}>
          <p>{notice.text}</p>
        </Alert>
      ) : null}
      <SyncProgressCard runId={runId} />
    </>
  );
}

import Link from 'next/link';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, type AuditAction } from '@/lib/audit/audit-actions';
import type { AuditFilters, AuditPage } from '@/lib/audit/list-audit-entries';
import { formatInstant } from '@/lib/metrics/format-report-value';
import styles from './settings.module.css';
import { FormField } from '@/components/ui/form-field';
import { TableScroll } from '@/components/ui/table-scroll';

const label = (action: string) =>
  (AUDIT_ACTION_LABELS as Record<string, string>)[action as AuditAction] ?? action;

/** A before/after value as short `key: value` lines (values are plain JSON, never secrets). */
function Values({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="muted">—</span>;
  const lines =
    typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value as Record<string, unknown>).map(
          ([key, item]) =>
            `${key}: ${Array.isArray(item) ? item.join(', ') || '(none)' : String(item)}`,
        )
      : [JSON.stringify(value)];
  return <pre className={styles.values}>{lines.join('\n')}</pre>;
}

/**
 * The audit log: a GET form of filters (actor, action, period) and the entries, newest first,
 * with before/after values; "Older entries" pages on.
 */
export function AuditLogView({ filters, page }: { filters: AuditFilters; page: AuditPage }) {
  const older = new URLSearchParams();
  for (const [key, value] of Object.entries(filters))
    if (value && key !== 'before') older.set(key, value);
  if (page.nextBefore) older.set('before', page.nextBefore);
  return (
    <>
      <section className="card" aria-labelledby="audit-filters-heading">
        <h2 id="audit-filters-heading" className={styles.sectionTitle}>
          Filters
        </h2>
        <form method="get" className={styles.filters}>
          <FormField id="audit-actor" name="actor" label="Actor (email)">
            {(control) => (
              <input
                {...control}
                className="input"
                type="search"
                defaultValue={filters.actor ?? ''}
              />
            )}
          </FormField>
          <div className="field">
            <label htmlFor="audit-action">Action</label>
            <select
              id="audit-action"
              name="action"
              className="input"
              defaultValue={filters.action ?? ''}
            >
              <option value="">Any action</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {AUDIT_ACTION_LABELS[action]}
                </option>
              ))}
            </select>
          </div>
          <FormField id="audit-from" name="from" label="From (UTC day)">
            {(control) => (
              <input {...control} className="input" type="date" defaultValue={filters.from ?? ''} />
            )}
          </FormField>
          <FormField id="audit-to" name="to" label="To (UTC day)">
            {(control) => (
              <input {...control} className="input" type="date" defaultValue={filters.to ?? ''} />
            )}
          </FormField>
          <button type="submit" className="btn btn-primary">
            Filter
          </button>
          <Link href="/settings/audit" className="btn btn-ghost">
            Clear
          </Link>
        </form>
      </section>
      <section className="card" aria-labelledby="audit-entries-heading">
        <h2 id="audit-entries-heading" className={styles.sectionTitle}>
          Entries
        </h2>
        {page.entries.length === 0 ? (
          <p className="muted">No entries match these filters.</p>
        ) : (
          <TableScroll className={styles.tableScroll} label="Audit log entries">
            <table className={styles.table}>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Target</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {page.entries.map((entry) => (
                  <tr key={entry.id} data-action={entry.action}>
                    <td>{formatInstant(entry.at)}</td>
                    <td>{entry.actorEmail}</td>
                    <td title={entry.action}>{label(entry.action)}</td>
                    <td>
                      {entry.targetLabel ?? entry.targetId ?? entry.targetType}
                      {entry.targetLabel && entry.targetId ? (
                        <span className="muted"> ({entry.targetId})</span>
                      ) : null}
                    </td>
                    <td>
                      <Values value={entry.before} />
                    </td>
                    <td>
                      <Values value={entry.after} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {page.nextBefore ? (
          <p>
            <Link href={`/settings/audit?${older.toString()}`}>Older entries</Link>
          </p>
        ) : null}
      </section>
    </>
  );
}

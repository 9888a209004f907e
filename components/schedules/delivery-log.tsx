import Link from 'next/link';
import { ResendButton } from '@/components/schedules/resend-button';
import type { DeliveryFilter, DeliveryLogItem } from '@/lib/reports/delivery/list-deliveries';
import { DELIVERY_STATUSES } from '@/lib/reports/schedules/schedule-schema';
import styles from './schedules.module.css';
import { FormField } from '@/components/ui/form-field';
import { TableScroll } from '@/components/ui/table-scroll';

const when = (date: Date | null) =>
  date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';

/** Every delivery, filtered by schedule, status and due days (a GET form: the URL keeps them). */
export function DeliveryLog({
  items,
  filter,
  schedules,
}: {
  items: DeliveryLogItem[];
  filter: DeliveryFilter;
  schedules: { id: string; name: string }[];
}) {
  return (
    <main className={styles.page}>
      <div className={styles.titleRow}>
        <div>
          <h1>Delivery log</h1>
          <p className={styles.subtitle}>
            Every email of every schedule; open one to see it exactly.
          </p>
        </div>
        <Link className="btn" href="/settings/schedules">
          Schedules
        </Link>
      </div>
      <form className={styles.filters} method="get">
        <div className="field">
          <label htmlFor="scheduleId">Schedule</label>
          <select
            id="scheduleId"
            name="scheduleId"
            className="input"
            defaultValue={filter.scheduleId ?? ''}
          >
            <option value="">All</option>
            {schedules.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" className="input" defaultValue={filter.status ?? ''}>
            <option value="">All</option>
            {DELIVERY_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </div>
        <FormField name="from" label="Due from">
          {(control) => (
            <input {...control} type="date" className="input" defaultValue={filter.from ?? ''} />
          )}
        </FormField>
        <FormField name="to" label="Due to">
          {(control) => (
            <input {...control} type="date" className="input" defaultValue={filter.to ?? ''} />
          )}
        </FormField>
        <button className="btn" type="submit">
          Filter
        </button>
        <a
          className="btn btn-ghost"
          href={`/api/settings/schedules/deliveries.csv?${new URLSearchParams(
            Object.entries(filter).filter((entry): entry is [string, string] => !!entry[1]),
          ).toString()}`}
        >
          Download CSV
        </a>
      </form>
      {items.length === 0 ? (
        <p className="muted">No deliveries match.</p>
      ) : (
        <TableScroll className={styles.tableScroll} label="Deliveries">
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Due</th>
                <th scope="col">Schedule</th>
                <th scope="col">Period</th>
                <th scope="col">To</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <Link href={`/settings/schedules/deliveries/${item.id}`}>
                      {when(item.dueAt)}
                    </Link>
                  </td>
                  <td>
                    {item.scheduleName}
                    {item.isTest ? <span className="badge"> test</span> : null}
                  </td>
                  <td>
                    {item.periodFrom === item.periodTo
                      ? item.periodFrom
                      : `${item.periodFrom} – ${item.periodTo}`}
                  </td>
                  <td>{item.isTest ? 'test' : item.locationKey || 'schedule'}</td>
                  <td>
                    <span className={styles.status} data-status={item.status}>
                      {item.status}
                    </span>
                    {item.status === 'uncertain' || item.status === 'failed' ? (
                      <>
                        {' '}
                        <ResendButton deliveryId={item.id} />
                      </>
                    ) : null}
                  </td>
                  <td>{item.attempts}</td>
                  <td>{item.lastError ?? item.warning ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </main>
  );
}

import Link from 'next/link';
import { ResendButton } from '@/components/schedules/resend-button';
import type { DeliveryDetail } from '@/lib/reports/delivery/get-delivery';
import styles from './schedules.module.css';
import { TableScroll } from '@/components/ui/table-scroll';

const when = (date: Date | null) =>
  date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';

/**
 * One delivery as it was sent: subject, recipients, the HTML (in a sandboxed frame: no scripts,
 * no same-origin access; the inline chart shown from its stored PNG), the text part, the CSV
 * attachment, and every attempt.
 */
export function DeliveryDetailView({ delivery }: { delivery: DeliveryDetail }) {
  return (
    <main className={styles.page}>
      <div className={styles.titleRow}>
        <div>
          <h1>{delivery.subject ?? 'Not rendered yet'}</h1>
          <p className={styles.subtitle}>
            {delivery.scheduleName} · Message-ID {delivery.messageId}
          </p>
        </div>
        <Link
          className="btn"
          href={`/settings/schedules/deliveries?scheduleId=${delivery.scheduleId}`}
        >
          Delivery log
        </Link>
      </div>
      <section className="card">
        <dl className={styles.details}>
          <dt>Status</dt>
          <dd>
            <span className={styles.status} data-status={delivery.status}>
              {delivery.status}
            </span>
            {delivery.status === 'uncertain' || delivery.status === 'failed' ? (
              <>
                {' '}
                <ResendButton deliveryId={delivery.id} />
              </>
            ) : null}
          </dd>
          <dt>To</dt>
          <dd>{delivery.to.join(', ') || '—'}</dd>
          <dt>Due</dt>
          <dd>{when(delivery.dueAt)}</dd>
          <dt>Sent</dt>
          <dd>{when(delivery.sentAt)}</dd>
          <dt>Last error</dt>
          <dd>{delivery.lastError ?? '—'}</dd>
          <dt>Warning</dt>
          <dd>{delivery.warning ?? '—'}</dd>
          <dt>Attachment</dt>
          <dd>
            {delivery.csvFilename
              ? `${delivery.csvFilename} (${Buffer.byteLength(delivery.csv ?? '', 'utf8').toLocaleString('en-US')} bytes)`
              : 'none'}
          </dd>
        </dl>
      </section>
      <section className="card">
        <h2>Attempts</h2>
        <TableScroll className={styles.tableScroll} label="Delivery attempts">
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Started</th>
                <th scope="col">Finished</th>
                <th scope="col">Outcome</th>
                <th scope="col">Reply</th>
              </tr>
            </thead>
            <tbody>
              {delivery.attemptLog.map((a) => (
                <tr key={a.attempt}>
                  <td>{a.attempt}</td>
                  <td>{when(a.startedAt)}</td>
                  <td>{when(a.finishedAt)}</td>
                  <td>{a.outcome ?? 'running'}</td>
                  <td>{a.detail ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      {delivery.html ? (
        <section className="card">
          <h2>HTML</h2>
          <iframe
            title="The email as sent"
            className={styles.preview}
            sandbox=""
            srcDoc={delivery.html}
          />
        </section>
      ) : null}
      {delivery.text ? (
        <section className="card">
          <h2>Text part</h2>
          <pre className={styles.pre}>{delivery.text}</pre>
        </section>
      ) : null}
      {delivery.csv ? (
        <section className="card">
          <h2>{delivery.csvFilename}</h2>
          <pre className={styles.pre}>{delivery.csv}</pre>
        </section>
      ) : null}
    </main>
  );
}

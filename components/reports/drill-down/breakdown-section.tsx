import type { ReactNode } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import { ENTITY_NAMES } from '@/lib/metrics/entity-labels';
import type { EntityAccess } from '@/lib/metrics/get-location-detail';
import { accessReasonText } from './access-reason-text';
import styles from './drill-down.module.css';

/**
 * One breakdown of the drill-down with its heading and a note on what it counts. While loading it
 * shows placeholders; when the entity it needs could not be read it shows "—" and why, never 0.
 */
export function BreakdownSection({
  id,
  title,
  note,
  state,
  access,
  children,
}: {
  id: string;
  title: string;
  note: ReactNode;
  state: 'loading' | 'unavailable' | 'ready';
  /** The entity the figures need (for the unavailable reason). */
  access: EntityAccess | undefined;
  children?: ReactNode;
}) {
  const headingId = `${id}-heading`;
  return (
    <section
      className={styles.section}
      aria-labelledby={headingId}
      aria-busy={state === 'loading'}
      data-section={id}
      data-state={state}
    >
      <div className={styles.sectionHead}>
        <h2 id={headingId}>{title}</h2>
        <p className={styles.note}>{note}</p>
      </div>
      {state === 'loading' ? (
        <div className={styles.card} role="status">
          <span className="sr-only">Loading {title.toLowerCase()}…</span>
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} height={16} style={{ margin: '10px 0' }} />
          ))}
        </div>
      ) : state === 'unavailable' ? (
        <div className={styles.card} data-unavailable={access?.entity}>
          <p className={styles.unavailable}>
            <span aria-hidden="true">— </span>
            Unavailable: {access ? ENTITY_NAMES[access.entity] : 'this data'} could not be read
            {access ? ` (${accessReasonText(access)})` : ''}
            {access?.message ? <>. GoHighLevel said: “{access.message}”</> : null}.
          </p>
          <p className={styles.empty}>
            These figures are left out, not shown as 0. <code>npm run cli -- status</code> shows how
            to fix it.
          </p>
        </div>
      ) : (
        children
      )}
    </section>
  );
}

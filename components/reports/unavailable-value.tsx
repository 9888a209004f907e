import { VisuallyHidden } from '@/components/ui/visually-hidden';
import type { ReportEntity } from '@/lib/metrics/get-locations-report';
import { unavailableMessage } from '@/lib/metrics/entity-labels';
import styles from './dashboard.module.css';

/**
 * An unavailable metric: an em dash — never 0 — whose tooltip and screen-reader text say which
 * entity could not be read and that `npm run cli -- status` explains the fix.
 */
export function UnavailableValue({
  entity,
  locationName,
}: {
  entity: ReportEntity;
  locationName: string;
}) {
  const message = unavailableMessage(entity, locationName);
  return (
    <span className={styles.unavailable} title={message} data-unavailable={entity}>
      <span aria-hidden="true">—</span>
      <VisuallyHidden>{message}</VisuallyHidden>
    </span>
  );
}

import Link from 'next/link';
import { ScheduleRowActions } from '@/components/schedules/schedule-row-actions';
import type { ScheduleListItem } from '@/lib/reports/schedules/list-schedules';
import styles from './schedules.module.css';
import { TableScroll } from '@/components/ui/table-scroll';

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function cadenceText(item: ScheduleListItem): string {
  const { schedule } = item;
  const at = `at ${schedule.sendTime}`;
  switch (schedule.cadence) {
    case 'daily':
      return `Daily ${at}`;
    case 'weekly':
      return `Weekly on ${WEEKDAYS[schedule.weekday ?? 1]} ${at}`;
    case 'monthly':
      return `Monthly on ${schedule.monthDay === 0 ? 'the last day' : `day ${schedule.monthDay}`} ${at}`;
  }
}

/** The schedules: what, when next (in the schedule's own zone), the last delivery, actions. */
export function ScheduleList({ items }: { items: ScheduleListItem[] }) {
  return (
    <main className={styles.page}>
      <div className={styles.titleRow}>
        <div>
          <h1>Email reports</h1>
          <p className={styles.subtitle}>
            Scheduled reports, sent by the worker exactly once per period.
          </p>
        </div>
        <div className={styles.links}>
          <Link className="btn" href="/settings/schedules/deliveries">
            Delivery log
          </Link>
          <Link className="btn btn-primary" href="/settings/schedules/new">
            New schedule
          </Link>
        </div>
      </div>
      {items.length === 0 ? (
        <p className="muted">No schedules yet.</p>
      ) : (
        <TableScroll className={styles.tableScroll} label="Schedules">
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Schedule</th>
                <th scope="col">When</th>
                <th scope="col">Next send</th>
                <th scope="col">Last delivery</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.schedule.id}>
                  <td>
                    <Link href={`/settings/schedules/${item.schedule.id}`}>
                      {item.schedule.name}
                    </Link>
                    <div className="muted">
                      {item.schedule.coverage === 'burst'
                        ? `Burst: ${item.schedule.locationIds.length} locations`
                        : item.schedule.coverage === 'all'
                          ? 'All locations'
                          : `${item.schedule.locationIds.length} selected locations`}
                      {' · '}
                      {item.schedule.period}
                    </div>
                  </td>
                  <td>{cadenceText(item)}</td>
                  <td>
                    {item.schedule.isPaused ? (
                      <span className="badge">Paused</span>
                    ) : (
                      item.nextSendLocal
                    )}
                  </td>
                  <td>
                    {item.lastDelivery ? (
                      <Link
                        href={`/settings/schedules/deliveries?scheduleId=${item.schedule.id}`}
                        className={styles.status}
                        data-status={item.lastDelivery.status}
                      >
                        {item.lastDelivery.status}
                      </Link>
                    ) : (
                      <span className="muted">none yet</span>
                    )}
                  </td>
                  <td>
                    <ScheduleRowActions id={item.schedule.id} isPaused={item.schedule.isPaused} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </main>
  );
}

import Link from 'next/link';
import { groupDigits } from '@/lib/metrics/decimal';
import { formatCount, formatPeriod } from '@/lib/metrics/format-report-value';
import type { BiggestMovers as Movers, Mover, MoverGroup } from '@/lib/metrics/get-biggest-movers';
import {
  reportSearchParams,
  type ReportControls,
  type ReportRange,
} from '@/lib/metrics/report-range';
import styles from './report-controls.module.css';

const signed = (decimal: string) =>
  decimal.startsWith('-') ? `−${groupDigits(decimal.slice(1))}` : `+${groupDigits(decimal)}`;

const TITLES: Record<MoverGroup['metric'], string> = {
  newContacts: 'New contacts',
  wonValue: 'Won value',
  paymentsNet: 'Net payments',
};

function MoverList({
  movers,
  direction,
  href,
}: {
  movers: readonly Mover[];
  direction: 'up' | 'down';
  href: (locationId: string) => string;
}) {
  const heading = direction === 'up' ? 'Up most' : 'Down most';
  return (
    <div className={styles.moverColumn}>
      <h4 className={styles.moverHeading}>{heading}</h4>
      {movers.length === 0 ? (
        <p className={styles.moverEmpty}>
          {direction === 'up' ? 'No location went up.' : 'No location went down.'}
        </p>
      ) : (
        <ol className={styles.moverList}>
          {movers.map((mover) => (
            <li key={mover.locationId} data-location={mover.locationId}>
              <Link prefetch={false} href={href(mover.locationId)} className={styles.moverName}>
                {mover.locationName}
              </Link>
              <span className={styles.moverDelta} data-direction={direction}>
                <span aria-hidden="true">{direction === 'up' ? '▲' : '▼'} </span>
                {signed(mover.delta)}
                {mover.isNew ? ' (new)' : mover.percent ? ` (${signed(mover.percent)}%)` : ''}
              </span>
              <span className={styles.moverWas}>
                {groupDigits(mover.current)} vs {groupDigits(mover.previous)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function MoverCard({ group, href }: { group: MoverGroup; href: (id: string) => string }) {
  const title = TITLES[group.metric];
  return (
    <section
      className={`card ${styles.moverCard}`}
      aria-label={group.currency ? `${title} (${group.currency})` : title}
      data-metric={group.metric}
      data-currency={group.currency ?? undefined}
    >
      <h3 className={styles.moverTitle}>
        {title}
        {group.currency ? <span className={styles.currencyTag}>{group.currency}</span> : null}
      </h3>
      <p className={styles.moverMeta}>
        {formatCount(group.compared)} {group.compared === 1 ? 'location' : 'locations'} compared
      </p>
      <div className={styles.moverColumns}>
        <MoverList movers={group.up} direction="up" href={href} />
        <MoverList movers={group.down} direction="down" href={href} />
      </div>
    </section>
  );
}

/**
 * The overview's biggest movers against the comparison (`getBiggestMovers`; docs/metrics.md,
 * "Biggest movers"): the locations that went up and down most in new contacts, in won value and
 * in net payments, money per currency only. `movers` undefined = the comparison is loading.
 */
export function BiggestMovers({
  movers,
  comparison,
  isError,
  range,
  controls,
}: {
  movers: Movers | undefined;
  comparison: { range: ReportRange; name: string };
  isError: boolean;
  range: ReportRange;
  controls: ReportControls;
}) {
  const href = (locationId: string) =>
    `/locations/${encodeURIComponent(locationId)}?${reportSearchParams(range, controls)}`;
  let body;
  if (isError) body = <p className={styles.moverEmpty}>The comparison could not be loaded.</p>;
  else if (!movers)
    body = (
      <p className={styles.moverEmpty} role="status">
        Loading the comparison…
      </p>
    );
  else
    body = (
      <>
        <div className={styles.moverGrid}>
          <MoverCard group={movers.newContacts} href={href} />
          {movers.wonValue.map((group) => (
            <MoverCard key={`won-${group.currency}`} group={group} href={href} />
          ))}
          {movers.paymentsNet.map((group) => (
            <MoverCard key={`net-${group.currency}`} group={group} href={href} />
          ))}
        </div>
        {movers.wonValueUnranked > 0 ? (
          <p className={styles.moverNote}>
            Won value of {formatCount(movers.wonValueUnranked)}{' '}
            {movers.wonValueUnranked === 1 ? 'location is' : 'locations is'} not ranked: GHL keeps
            it in the location&apos;s own currency without naming it, and{' '}
            {movers.wonValueUnranked === 1 ? 'that location was' : 'those locations were'} paid in
            no currency or in several, so it cannot be told.
          </p>
        ) : null}
      </>
    );
  return (
    <section aria-labelledby="movers-heading" className={styles.movers}>
      <h2 id="movers-heading" className={styles.moversHeading}>
        Biggest movers
      </h2>
      <p className={styles.moverMeta}>
        Against {comparison.name}: {formatPeriod(comparison.range)}. Money is ranked within one
        currency only.
      </p>
      {body}
    </section>
  );
}

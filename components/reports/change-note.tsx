'use client';

import { createContext, useContext } from 'react';
import { VisuallyHidden } from '@/components/ui/visually-hidden';
import { compareToPrevious } from '@/lib/metrics/compare-to-previous';
import { groupDigits } from '@/lib/metrics/decimal';
import styles from './dashboard.module.css';

const signed = (decimal: string) =>
  decimal.startsWith('-') ? `−${groupDigits(decimal.slice(1))}` : `+${groupDigits(decimal)}`;

/**
 * What the notes compare with, in words ("the previous period", "the same period last year"): set
 * once by the view that chose the comparison, read by every note below it.
 */
export const ComparisonNameContext = createContext('the previous period');

/**
 * A KPI against the comparison period (the previous period unless the view says otherwise): the previous value and the change, absolute and in percent
 * ("new" when the previous value was 0). `previous === undefined` = still loading; `null` on
 * either side = unavailable, and then no comparison is shown. Same currency only (the caller).
 */
export function ChangeNote({
  current,
  previous,
  formatValue = groupDigits,
  isInline = false,
}: {
  current: number | string | null;
  previous: number | string | null | undefined;
  formatValue?: (value: string) => string;
  /** Flow inside a sentence ("won ▲ +1 vs 0") instead of a line of its own. */
  isInline?: boolean;
}) {
  const comparisonName = useContext(ComparisonNameContext);
  if (previous === undefined) {
    return (
      <span className={styles.change} data-inline={isInline || undefined} data-direction="pending">
        vs {comparisonName.replace(/^the /, '')}…
      </span>
    );
  }
  const change = compareToPrevious(current, previous);
  if (!change.isAvailable) {
    return (
      <span className={styles.change} data-inline={isInline || undefined} data-direction="none">
        no comparison (unavailable)
      </span>
    );
  }
  const was = formatValue(change.previous);
  if (change.direction === 'flat') {
    return (
      <span
        className={styles.change}
        data-inline={isInline || undefined}
        data-direction="flat"
        data-change="flat"
      >
        no change <span className={styles.changeWas}>vs {was}</span>
      </span>
    );
  }
  const arrow = change.direction === 'up' ? '▲' : '▼';
  const spoken = `${change.direction === 'up' ? 'Up' : 'Down'} ${groupDigits(change.delta.replace('-', ''))}${
    change.isNew
      ? ', new this period'
      : change.percent
        ? ` (${change.percent.replace('-', '')}%)`
        : ''
  } from ${was} in ${comparisonName}`;
  return (
    <span
      className={styles.change}
      data-inline={isInline || undefined}
      data-direction={change.direction}
      data-change={`${change.delta}${change.isNew ? ' new' : ''}`}
    >
      <span aria-hidden="true">
        <span className={styles.changeDelta}>
          {arrow} {signed(change.delta)}
          {change.isNew ? (
            <span className={styles.changeNew}>new</span>
          ) : change.percent ? (
            ` (${signed(change.percent)}%)`
          ) : null}
        </span>{' '}
        <span className={styles.changeWas}>vs {was}</span>
      </span>
      <VisuallyHidden>{spoken}</VisuallyHidden>
    </span>
  );
}

'use client';

import { useState, useTransition } from 'react';
import { saveTableColumns } from '@/lib/actions/preferences/save-table-columns';
import type { ColumnKey } from '@/lib/metrics/locations-report-columns';
import { CHOOSABLE_COLUMNS, DEFAULT_OVERVIEW_COLUMNS } from '@/lib/metrics/overview-columns';
import styles from './dashboard.module.css';

/**
 * "Columns": which of the roll-up table's columns to show (the location name always is). The
 * table follows at once; the choice is stored for the signed-in user by the
 * `preferences/save-table-columns` server action, so it is there on the next visit and device.
 * The last shown column cannot be unticked.
 */
export function ColumnChooser({
  chosen,
  onChange,
}: {
  chosen: readonly ColumnKey[];
  onChange: (columns: readonly ColumnKey[]) => void;
}) {
  const [isSaving, startSaving] = useTransition();
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  const choose = (next: readonly ColumnKey[]) => {
    const ordered = CHOOSABLE_COLUMNS.map((column) => column.key).filter((key) =>
      next.includes(key),
    );
    onChange(ordered);
    setStatus(null);
    startSaving(async () => {
      const result = await saveTableColumns({ columns: ordered });
      setStatus(
        result.ok
          ? { tone: 'ok', text: 'Saved for your next visit.' }
          : { tone: 'error', text: `Not saved: ${result.error.message}` },
      );
    });
  };
  const toggle = (key: ColumnKey, isOn: boolean) =>
    choose(isOn ? [...chosen, key] : chosen.filter((other) => other !== key));

  return (
    <div className={styles.chooserBar}>
      <details className={styles.chooser}>
        <summary className="btn">
          Columns{' '}
          <span className={styles.chooserCount}>
            {chosen.length} of {CHOOSABLE_COLUMNS.length}
          </span>
        </summary>
        <fieldset className={styles.chooserPanel}>
          <legend>Columns shown (the location is always shown)</legend>
          {CHOOSABLE_COLUMNS.map((column) => {
            const isOn = chosen.includes(column.key);
            return (
              <label key={column.key} className={styles.chooserOption} title={column.help}>
                <input
                  type="checkbox"
                  name="columns"
                  value={column.key}
                  checked={isOn}
                  disabled={isOn && chosen.length === 1}
                  onChange={(event) => toggle(column.key, event.target.checked)}
                />
                {column.label}
              </label>
            );
          })}
          <button
            type="button"
            className="btn"
            disabled={chosen.length === DEFAULT_OVERVIEW_COLUMNS.length}
            onClick={() => choose(DEFAULT_OVERVIEW_COLUMNS)}
          >
            Show all
          </button>
        </fieldset>
      </details>
      <span
        role="status"
        className={status?.tone === 'error' ? styles.kpiWarning : styles.chooserStatus}
      >
        {isSaving ? 'Saving…' : (status?.text ?? '')}
      </span>
    </div>
  );
}

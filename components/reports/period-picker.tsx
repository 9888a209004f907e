'use client';

import { useState, type FormEvent } from 'react';
import { GRANULARITIES, type Granularity } from '@/lib/metrics/bucket-series';
import { COMPARISON_LABELS, COMPARISONS, comparisonSchema } from '@/lib/metrics/comparison-range';
import {
  isDayShaped,
  matchPreset,
  PRESETS,
  presetRange,
  type ReportControls,
  type ReportRange,
} from '@/lib/metrics/report-range';
import styles from './dashboard.module.css';
import controlStyles from './report-controls.module.css';

const GRANULARITY_LABELS: Record<Granularity, string> = {
  day: 'Day',
  week: 'Week',
  month: 'Month',
};

/**
 * Choose the report period: presets (7/30/90 days ending yesterday, month, quarter and year to
 * date, last month) or a custom from/to; with `controls`, also what it is compared with and
 * whether the charts go by day, week (Monday to Sunday) or month. Days are each location's own
 * calendar days; "today" is the UTC date.
 */
export function PeriodPicker({
  range,
  today,
  onChange,
  controls,
  onControlsChange,
}: {
  range: ReportRange;
  today: string;
  onChange: (next: ReportRange) => void;
  controls?: ReportControls;
  onControlsChange?: (next: Partial<ReportControls>) => void;
}) {
  const active = matchPreset(range, today);
  const [error, setError] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = String(form.get('from') ?? '');
    const to = String(form.get('to') ?? '');
    if (!isDayShaped(from) || !isDayShaped(to)) {
      setError('Enter both dates as YYYY-MM-DD.');
      return;
    }
    if (from > to) {
      setError('“From” must be on or before “To”.');
      return;
    }
    setError(null);
    onChange({ from, to });
  }

  return (
    <section className={styles.toolbar} aria-label="Report period">
      <div role="group" aria-label="Quick periods" className={styles.presets}>
        {PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            className={styles.preset}
            aria-pressed={active === preset.id}
            title={preset.description}
            onClick={() => {
              setError(null);
              onChange(presetRange(preset.id, today));
            }}
          >
            {preset.label}
          </button>
        ))}
      </div>
      {/* Keyed by the period, so the inputs show the current period after a preset or Back. */}
      <form
        key={`${range.from}_${range.to}`}
        className={styles.customRange}
        onSubmit={handleSubmit}
        noValidate
        aria-describedby={error ? 'period-error' : undefined}
      >
        <div className="field">
          <label htmlFor="period-from">From</label>
          <input
            id="period-from"
            className="input"
            type="date"
            name="from"
            defaultValue={range.from}
            required
            aria-invalid={error ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="period-to">To</label>
          <input
            id="period-to"
            className="input"
            type="date"
            name="to"
            defaultValue={range.to}
            required
            aria-invalid={error ? true : undefined}
          />
        </div>
        <button type="submit" className="btn">
          Apply
        </button>
        {error ? (
          <p id="period-error" role="alert" className={styles.fieldError}>
            {error}
          </p>
        ) : null}
      </form>
      {controls && onControlsChange ? (
        <div className={controlStyles.viewControls}>
          <div className="field">
            <label htmlFor="period-compare">Compare with</label>
            <select
              id="period-compare"
              className="input"
              value={controls.comparison}
              onChange={(event) => {
                const parsed = comparisonSchema.safeParse(event.target.value);
                if (parsed.success) onControlsChange({ comparison: parsed.data });
              }}
            >
              {COMPARISONS.map((comparison) => (
                <option key={comparison} value={comparison}>
                  {COMPARISON_LABELS[comparison]}
                </option>
              ))}
            </select>
          </div>
          <div role="group" aria-label="Chart by" className={styles.presets}>
            <span className={controlStyles.groupLabel} aria-hidden="true">
              Chart by
            </span>
            {GRANULARITIES.map((granularity) => (
              <button
                key={granularity}
                type="button"
                className={styles.preset}
                aria-pressed={controls.granularity === granularity}
                onClick={() => onControlsChange({ granularity })}
              >
                {GRANULARITY_LABELS[granularity]}
              </button>
            ))}
          </div>
        </div>
      ) : null}
    </section>
  );
}

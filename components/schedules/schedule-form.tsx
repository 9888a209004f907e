'use client';

import Link from 'next/link';
import { useActionState, useState, type ReactNode } from 'react';
import { Alert } from '@/components/ui/alert';
import { FieldError, FormField, type FieldControl } from '@/components/ui/form-field';
import { createReportSchedule } from '@/lib/actions/schedules/create-schedule';
import { updateReportSchedule } from '@/lib/actions/schedules/update-schedule';
import type { FieldErrors } from '@/lib/errors';
import {
  CADENCES,
  COMPARISONS,
  COVERAGES,
  FRESHNESS_MODES,
  MISSED_SENDS,
  PERIOD_KINDS,
  REPORT_KINDS,
  TOP_BY,
} from '@/lib/reports/schedules/schedule-schema';
import styles from './schedules.module.css';

/** A schedule's values as the form shows them (strings, as they are posted). */
export type ScheduleFormValues = {
  id?: string;
  name: string;
  report: string;
  coverage: string;
  locationIds: string[];
  locationRecipients: Record<string, string>;
  period: string;
  periodDays: string;
  comparison: string;
  cadence: string;
  weekday: string;
  monthDay: string;
  sendTime: string;
  timezone: string;
  recipients: string;
  attachCsv: string;
  topN: string;
  topBy: string;
  freshnessMode: string;
  freshnessMaxAgeHours: string;
  freshnessHoldHours: string;
  missedSends: string;
  catchUpLimit: string;
};

type Result = Awaited<ReturnType<typeof createReportSchedule>> | null;

/** The first server message for a field (or one of its items, e.g. `recipients.2`). */
function messageFor(fields: FieldErrors, name: string): string | undefined {
  const key = Object.keys(fields).find((k) => k === name || k.startsWith(`${name}.`));
  return key ? fields[key] : undefined;
}

function Select({
  control,
  values,
  defaultValue,
}: {
  control: FieldControl;
  values: readonly string[];
  defaultValue: string;
}) {
  return (
    <select {...control} className="input" defaultValue={defaultValue} key={defaultValue}>
      {values.map((value) => (
        <option key={value} value={value}>
          {value}
        </option>
      ))}
    </select>
  );
}

/**
 * Create or edit a schedule through its server action; the server validates with zod and each
 * message is shown beside its field.
 */
export function ScheduleForm({
  initial,
  locations,
}: {
  initial: ScheduleFormValues;
  locations: { id: string; name: string }[];
}) {
  // What was last posted: React resets the form after the action, to these values, so a
  // refused form keeps what the admin typed.
  const [submitted, setSubmitted] = useState<Record<string, string> | null>(null);
  const [state, formAction, isPending] = useActionState<Result, FormData>((_previous, formData) => {
    const posted: Record<string, string> = {};
    for (const [key, value] of formData.entries())
      if (typeof value === 'string') posted[key] = value;
    setSubmitted(posted);
    return initial.id ? updateReportSchedule(formData) : createReportSchedule(formData);
  }, null);
  const valueOf = (name: string, fallback: string) => submitted?.[name] ?? fallback;
  const [coverage, setCoverage] = useState(initial.coverage);
  const fields: FieldErrors = (state && !state.ok ? state.error.fields : undefined) ?? {};
  const errorOf = (name: string) => messageFor(fields, name);
  const locationErrors = (['locationIds', 'locationRecipients'] as const).flatMap((name) => {
    const message = errorOf(name);
    return message ? [{ id: `${name}-error`, message }] : [];
  });
  /** A text or number input of a schedule value, as a FormField's control. */
  const input =
    (name: keyof ScheduleFormValues, type = 'text') =>
    (control: FieldControl) => (
      <input
        {...control}
        type={type}
        className="input"
        defaultValue={valueOf(name, String(initial[name] ?? ''))}
      />
    );
  /** A select of one of `values`, as a FormField's control. */
  const select =
    (name: keyof ScheduleFormValues, values: readonly string[]) => (control: FieldControl) => (
      <Select
        control={control}
        values={values}
        defaultValue={valueOf(name, String(initial[name]))}
      />
    );
  /** One schedule value's field: label, control, hint and its server error. */
  const field = (
    name: keyof ScheduleFormValues,
    label: string,
    control: (control: FieldControl) => ReactNode,
    options: { hint?: string; wide?: boolean } = {},
  ) => (
    <FormField
      name={name}
      label={label}
      hint={options.hint}
      error={errorOf(name)}
      className={options.wide ? styles.wide : undefined}
    >
      {control}
    </FormField>
  );

  return (
    <form action={formAction} noValidate>
      {state?.ok ? (
        <Alert tone="info" title="Saved">
          <p>
            The schedule was saved. <Link href="/settings/schedules">Back to the schedules</Link>
          </p>
        </Alert>
      ) : null}
      {state && !state.ok && Object.keys(fields).length === 0 ? (
        <Alert tone="danger" title="Not saved">
          <p>{state.error.message}</p>
        </Alert>
      ) : null}
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      <div className={styles.form}>
        {field('name', 'Name', input('name'), { wide: true })}
        {field('report', 'Report', select('report', REPORT_KINDS))}
        {field('coverage', 'Locations', (control) => (
          <select
            {...control}
            className="input"
            defaultValue={valueOf('coverage', initial.coverage)}
            onChange={(event) => setCoverage(event.target.value)}
          >
            {COVERAGES.map((value) => (
              <option key={value} value={value}>
                {value === 'burst' ? 'burst (one email per location)' : value}
              </option>
            ))}
          </select>
        ))}
        {field('period', 'Period', select('period', PERIOD_KINDS))}
        {field('periodDays', 'N (last N days)', input('periodDays', 'number'))}
        {field('comparison', 'Compared with', select('comparison', COMPARISONS))}
        {field('cadence', 'Cadence', select('cadence', CADENCES))}
        {field('weekday', 'Weekday (weekly)', input('weekday', 'number'), {
          hint: '1 = Monday … 7 = Sunday',
        })}
        {field('monthDay', 'Day (monthly)', input('monthDay', 'number'), {
          hint: '1 … 28, or 0 for the last day',
        })}
        {field('sendTime', 'Time (HH:MM)', input('sendTime'))}
        {field('timezone', 'Time zone (IANA)', input('timezone'))}
        {field('attachCsv', 'CSV attachment', select('attachCsv', ['true', 'false']))}
        {field('topN', 'Table rows (top N)', input('topN', 'number'))}
        {field('topBy', 'Top N by', select('topBy', TOP_BY))}
        {field('freshnessMode', 'Stale data', select('freshnessMode', FRESHNESS_MODES), {
          hint: 'hold until fresh, or warn',
        })}
        {field(
          'freshnessMaxAgeHours',
          'Stale after (hours)',
          input('freshnessMaxAgeHours', 'number'),
        )}
        {field('freshnessHoldHours', 'Hold at most (hours)', input('freshnessHoldHours', 'number'))}
        {field('missedSends', 'Missed sends', select('missedSends', MISSED_SENDS))}
        {field('catchUpLimit', 'Catch up at most', input('catchUpLimit', 'number'))}
        {coverage !== 'burst'
          ? field(
              'recipients',
              'Recipients',
              (control) => (
                <textarea
                  {...control}
                  className="input"
                  rows={3}
                  defaultValue={valueOf('recipients', initial.recipients)}
                />
              ),
              { hint: 'One address per line, at most 50.', wide: true },
            )
          : null}
        {coverage !== 'all' ? (
          <fieldset
            className={`field ${styles.wide} ${styles.group}`}
            aria-describedby={locationErrors.map((e) => e.id).join(' ') || undefined}
          >
            <legend className="label">
              {coverage === 'burst' ? 'Locations and their recipients' : 'Locations'}
            </legend>
            <div className={styles.locations}>
              {locations.map((location) => (
                <div key={location.id}>
                  <label>
                    <input
                      type="checkbox"
                      name={`location.${location.id}`}
                      defaultChecked={
                        submitted
                          ? `location.${location.id}` in submitted
                          : initial.locationIds.includes(location.id)
                      }
                    />{' '}
                    {location.name}
                  </label>
                  {coverage === 'burst' ? (
                    <input
                      className="input"
                      name={`locationRecipients.${location.id}`}
                      aria-label={`Recipients for ${location.name}`}
                      placeholder="client@example.com"
                      defaultValue={valueOf(
                        `locationRecipients.${location.id}`,
                        initial.locationRecipients[location.id] ?? '',
                      )}
                    />
                  ) : null}
                </div>
              ))}
            </div>
            {locationErrors.map((e) => (
              <FieldError key={e.id} id={e.id} message={e.message} />
            ))}
          </fieldset>
        ) : null}
      </div>
      <p>
        <button className="btn btn-primary" type="submit" disabled={isPending}>
          {initial.id ? 'Save changes' : 'Create schedule'}
        </button>{' '}
        <Link className="btn btn-ghost" href="/settings/schedules">
          Cancel
        </Link>
      </p>
    </form>
  );
}

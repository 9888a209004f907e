'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { Alert } from '@/components/ui/alert';
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

function Field({
  name,
  label,
  fields,
  hint,
  wide,
  children,
}: {
  name: string;
  label: string;
  fields: FieldErrors;
  hint?: string;
  wide?: boolean;
  children: React.ReactNode;
}) {
  const message = messageFor(fields, name);
  return (
    <div className={`field ${wide ? styles.wide : ''}`}>
      <label htmlFor={name}>{label}</label>
      {children}
      {hint ? <p className={styles.hint}>{hint}</p> : null}
      {message ? (
        <p className={styles.error} id={`${name}-error`} role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}

function Select({
  name,
  values,
  defaultValue,
}: {
  name: string;
  values: readonly string[];
  defaultValue: string;
}) {
  return (
    <select id={name} name={name} className="input" defaultValue={defaultValue} key={defaultValue}>
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
  const input = (name: keyof ScheduleFormValues, type = 'text') => (
    <input
      id={name}
      name={name}
      type={type}
      className="input"
      defaultValue={valueOf(name, String(initial[name] ?? ''))}
      aria-invalid={messageFor(fields, name) ? true : undefined}
    />
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
        <Field name="name" label="Name" fields={fields} wide>
          {input('name')}
        </Field>
        <Field name="report" label="Report" fields={fields}>
          <Select
            name="report"
            values={REPORT_KINDS}
            defaultValue={valueOf('report', initial.report)}
          />
        </Field>
        <Field name="coverage" label="Locations" fields={fields}>
          <select
            id="coverage"
            name="coverage"
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
        </Field>
        <Field name="period" label="Period" fields={fields}>
          <Select
            name="period"
            values={PERIOD_KINDS}
            defaultValue={valueOf('period', initial.period)}
          />
        </Field>
        <Field name="periodDays" label="N (last N days)" fields={fields}>
          {input('periodDays', 'number')}
        </Field>
        <Field name="comparison" label="Compared with" fields={fields}>
          <Select
            name="comparison"
            values={COMPARISONS}
            defaultValue={valueOf('comparison', initial.comparison)}
          />
        </Field>
        <Field name="cadence" label="Cadence" fields={fields}>
          <Select
            name="cadence"
            values={CADENCES}
            defaultValue={valueOf('cadence', initial.cadence)}
          />
        </Field>
        <Field
          name="weekday"
          label="Weekday (weekly)"
          fields={fields}
          hint="1 = Monday … 7 = Sunday"
        >
          {input('weekday', 'number')}
        </Field>
        <Field
          name="monthDay"
          label="Day (monthly)"
          fields={fields}
          hint="1 … 28, or 0 for the last day"
        >
          {input('monthDay', 'number')}
        </Field>
        <Field name="sendTime" label="Time (HH:MM)" fields={fields}>
          {input('sendTime')}
        </Field>
        <Field name="timezone" label="Time zone (IANA)" fields={fields}>
          {input('timezone')}
        </Field>
        <Field name="attachCsv" label="CSV attachment" fields={fields}>
          <Select
            name="attachCsv"
            values={['true', 'false']}
            defaultValue={valueOf('attachCsv', initial.attachCsv)}
          />
        </Field>
        <Field name="topN" label="Table rows (top N)" fields={fields}>
          {input('topN', 'number')}
        </Field>
        <Field name="topBy" label="Top N by" fields={fields}>
          <Select name="topBy" values={TOP_BY} defaultValue={valueOf('topBy', initial.topBy)} />
        </Field>
        <Field
          name="freshnessMode"
          label="Stale data"
          fields={fields}
          hint="hold until fresh, or warn"
        >
          <Select
            name="freshnessMode"
            values={FRESHNESS_MODES}
            defaultValue={valueOf('freshnessMode', initial.freshnessMode)}
          />
        </Field>
        <Field name="freshnessMaxAgeHours" label="Stale after (hours)" fields={fields}>
          {input('freshnessMaxAgeHours', 'number')}
        </Field>
        <Field name="freshnessHoldHours" label="Hold at most (hours)" fields={fields}>
          {input('freshnessHoldHours', 'number')}
        </Field>
        <Field name="missedSends" label="Missed sends" fields={fields}>
          <Select
            name="missedSends"
            values={MISSED_SENDS}
            defaultValue={valueOf('missedSends', initial.missedSends)}
          />
        </Field>
        <Field name="catchUpLimit" label="Catch up at most" fields={fields}>
          {input('catchUpLimit', 'number')}
        </Field>
        {coverage !== 'burst' ? (
          <Field
            name="recipients"
            label="Recipients"
            fields={fields}
            hint="One address per line, at most 50."
            wide
          >
            <textarea
              id="recipients"
              name="recipients"
              className="input"
              rows={3}
              defaultValue={valueOf('recipients', initial.recipients)}
            />
          </Field>
        ) : null}
        {coverage !== 'all' ? (
          <Field
            name="locationIds"
            label={coverage === 'burst' ? 'Locations and their recipients' : 'Locations'}
            fields={fields}
            wide
          >
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
            {messageFor(fields, 'locationRecipients') ? (
              <p className={styles.error} role="alert">
                {messageFor(fields, 'locationRecipients')}
              </p>
            ) : null}
          </Field>
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

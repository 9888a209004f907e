import { z } from 'zod';
import { scheduleInputSchema } from '@/lib/reports/schedules/schedule-schema';

/**
 * A schedule as a form posts it (every value a string; a server action's FormData keeps one value
 * per name) or as code passes it: location ids as `location.<id>` checkboxes or a comma- or
 * space-separated list, burst
 * recipients as `locationRecipients.<locationId>` fields, yes/no choices as "true"/"false",
 * empty optional numbers as absent. Plain objects with real arrays and booleans pass unchanged.
 */
function fromForm(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const fields = { ...(value as Record<string, unknown>) };
  const recipients: Record<string, unknown> =
    typeof fields.locationRecipients === 'object' && fields.locationRecipients !== null
      ? { ...(fields.locationRecipients as Record<string, unknown>) }
      : {};
  for (const [key, field] of Object.entries(fields)) {
    if (key.startsWith('locationRecipients.')) {
      recipients[key.slice('locationRecipients.'.length)] = field;
      delete fields[key];
    }
  }
  if (Object.keys(recipients).length > 0) fields.locationRecipients = recipients;
  // Checkboxes `location.<id>` (a FormData keeps one value per name, so each has its own).
  const checked = Object.keys(fields).filter((key) => key.startsWith('location.'));
  if (checked.length > 0) {
    fields.locationIds = checked.map((key) => key.slice('location.'.length));
    for (const key of checked) delete fields[key];
  }
  if (typeof fields.locationIds === 'string')
    fields.locationIds = fields.locationIds.split(/[\s,]+/).filter(Boolean);
  for (const key of ['attachCsv', 'isPaused'])
    if (fields[key] === 'true' || fields[key] === 'false') fields[key] = fields[key] === 'true';
  for (const key of ['periodDays', 'weekday', 'monthDay'])
    if (fields[key] === '') fields[key] = null;
  for (const key of ['topN', 'freshnessMaxAgeHours', 'freshnessHoldHours', 'catchUpLimit'])
    if (fields[key] === '') delete fields[key];
  return fields;
}

/** A schedule from a form or from code (create). */
export const scheduleFormSchema = z.preprocess(fromForm, scheduleInputSchema);

/** An existing schedule's id. */
export const scheduleIdSchema = z.object({ id: z.uuid({ message: 'expected a schedule id' }) });

/** A schedule's id and its new values (edit). */
export const scheduleEditSchema = z.preprocess(
  fromForm,
  z.intersection(scheduleIdSchema, scheduleInputSchema),
);

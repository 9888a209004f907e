import { z } from 'zod';
import { LOCATIONS_REPORT_COLUMNS, type ColumnKey } from '@/lib/metrics/locations-report-columns';

/**
 * The roll-up table's choosable columns: every table column of the registry but the location
 * name, which is the row header and always shown (pinned on the left). A user's choice is stored
 * as these keys (`users.overview_columns`, `saveOverviewColumns`); the table shows them in the
 * registry's order, whatever order they were stored in.
 */
export const CHOOSABLE_COLUMNS = LOCATIONS_REPORT_COLUMNS.filter(
  (column) => column.isInTable && column.key !== 'locationName',
);

const CHOOSABLE_KEYS = CHOOSABLE_COLUMNS.map((column) => column.key) as [ColumnKey, ...ColumnKey[]];

/** Every choosable column, in the registry's order: what a user who never chose sees. */
export const DEFAULT_OVERVIEW_COLUMNS: readonly ColumnKey[] = CHOOSABLE_KEYS;

/**
 * A choice as the server action takes it: 1 to all choosable keys, no repeats. A form may send
 * them as one comma-separated field.
 */
export const overviewColumnsSchema = z.object({
  columns: z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',') : value),
    z
      .array(z.enum(CHOOSABLE_KEYS))
      .min(1, 'Choose at least one column.')
      .max(CHOOSABLE_KEYS.length)
      .refine((keys) => new Set(keys).size === keys.length, 'A column is listed twice.'),
  ),
});

/**
 * A stored choice read back (any JSON: an old or hand-edited value must not break the page):
 * the known keys in the registry's order; the default when nothing usable is left.
 */
export function readOverviewColumns(stored: unknown): ColumnKey[] {
  if (!Array.isArray(stored)) return [...DEFAULT_OVERVIEW_COLUMNS];
  const chosen = new Set(stored.filter((key): key is string => typeof key === 'string'));
  const keys = CHOOSABLE_KEYS.filter((key) => chosen.has(key));
  return keys.length > 0 ? keys : [...DEFAULT_OVERVIEW_COLUMNS];
}

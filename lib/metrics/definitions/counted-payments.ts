/**
 * Which transactions count as a payment (docs/metrics.md, `payments_count`): live ones
 * (`liveMode` true) whose status is one of these. `failed`, `pending` and every other status are
 * left out, and so is test-mode data (the rollup's `t.live_mode` filter).
 *
 * A definition module: constants only, no imports, no database. The sync's rollup
 * (lib/sync/rollups) applies it when it aggregates the facts, and the metrics read those
 * aggregates, so both sides agree by construction.
 */
export const COUNTED_PAYMENT_STATUSES: readonly string[] = [
  'succeeded',
  'refunded',
  'partially_refunded',
];

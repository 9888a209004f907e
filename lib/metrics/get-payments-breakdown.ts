import 'server-only';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { COUNTED_PAYMENT_STATUSES } from '@/lib/metrics/definitions/counted-payments';
import { formatMoney } from '@/lib/metrics/format-money';
import { readLocationScope, type LocationPeriodParams } from '@/lib/metrics/read-location-scope';

/** Counted payments of one group, in one currency (definitions as payments_* in docs/metrics.md). */
export type PaymentFigures = {
  count: number;
  gross: string;
  refunded: string;
  /** gross − refunded */
  net: string;
};

/** One payment source (`entitySourceType`) within one currency. */
export type PaymentSourceFigures = PaymentFigures & {
  /** GHL's entitySourceType (funnel, invoice, subscription, …), trimmed; null when none. */
  source: string | null;
};

/** One currency: its totals (equal to the report's payments_* row) and its sources. */
export type PaymentCurrencyFigures = PaymentFigures & {
  currency: string;
  sources: PaymentSourceFigures[];
};

export type PaymentsBreakdownParams = LocationPeriodParams;

/**
 * `isAvailable` false: transactions could not be read; `currencies` is empty (shown "—", not 0).
 * Money is never added up across currencies: each currency has its own totals and sources.
 */
export type PaymentsBreakdownResult = {
  locationId: string;
  from: string;
  to: string;
  isAvailable: boolean;
  currencies: PaymentCurrencyFigures[];
} | null;

type SqlRow = {
  is_currency: boolean;
  currency: string;
  source: string | null;
  count: number;
  gross: string;
  refunded: string;
  net: string;
};

/**
 * One location's counted payments in a period by currency and, within each currency, by source
 * (`entitySourceType`), in one statement. Which transactions count, the currency code rule
 * (upper-cased, blank = XXX) and net = gross − refunded are the report's (docs/metrics.md,
 * "Payments by currency and source"). Currencies by code; sources by count, then name. Null when
 * the location does not exist or is archived; throws ReportParamsError on a bad period.
 *
 * @param db a Prisma client
 * @param params `{ locationId, from, to }`
 */
export async function getPaymentsBreakdown(
  db: Db,
  params: PaymentsBreakdownParams,
): Promise<PaymentsBreakdownResult> {
  const scope = await readLocationScope(db, params);
  if (!scope) return null;
  const base = { locationId: scope.locationId, from: scope.from, to: scope.to };
  if (!scope.isAvailable.transactions) return { ...base, isAvailable: false, currencies: [] };

  const rows = await db.$queryRaw<SqlRow[]>(Prisma.sql`
    WITH t AS (
      SELECT coalesce(nullif(upper(btrim(t.currency)), ''), 'XXX') AS currency,
        nullif(btrim(t.entity_source_type), '') AS source, t.amount, t.amount_refunded
      FROM transactions t
      WHERE t.location_id = ${scope.locationId} AND t.live_mode
        AND t.status = ANY(${[...COUNTED_PAYMENT_STATUSES]}::text[])
        AND ${scope.inPeriod(Prisma.sql`t.created_at`)}
    )
    SELECT GROUPING(t.source) = 1 AS is_currency, t.currency, t.source, count(*)::int AS count,
      sum(t.amount)::text AS gross, sum(t.amount_refunded)::text AS refunded,
      (sum(t.amount) - sum(t.amount_refunded))::text AS net
    FROM t
    GROUP BY GROUPING SETS ((t.currency), (t.currency, t.source))`);

  const money = (row: SqlRow): PaymentFigures => ({
    count: row.count,
    gross: formatMoney(row.gross, row.currency),
    refunded: formatMoney(row.refunded, row.currency),
    net: formatMoney(row.net, row.currency),
  });
  const currencies = rows
    .filter((row) => row.is_currency)
    .sort((a, b) => a.currency.localeCompare(b.currency))
    .map((total) => ({
      currency: total.currency,
      ...money(total),
      sources: rows
        .filter((row) => !row.is_currency && row.currency === total.currency)
        .sort(
          (a, b) =>
            b.count - a.count ||
            Number(a.source === null) - Number(b.source === null) ||
            (a.source ?? '').localeCompare(b.source ?? ''),
        )
        .map((row) => ({ source: row.source, ...money(row) })),
    }));
  return { ...base, isAvailable: true, currencies };
}

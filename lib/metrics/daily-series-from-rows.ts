import { subtractDecimals } from '@/lib/metrics/decimal';
import { formatMoney } from '@/lib/metrics/format-money';
import type { DailyPaymentsPoint, DailySeriesResult } from '@/lib/metrics/get-daily-series';

/** One local day of counts as a series statement returns it (every day of the period, in order). */
export type DailyCountsSql = {
  day: string;
  new_contacts: number;
  created: number;
  won: number;
  lost: number;
};

/** One local day of payments in one currency (money as decimal text), by currency then day. */
export type DailyPaymentsSql = {
  day: string;
  currency: string;
  count: number;
  gross: string;
  refunded: string;
};

/** The allowed locations summed, and how many of them cannot read each entity. */
export type DailyScopeSql = {
  locations: number;
  no_contacts: number;
  no_opportunities: number;
  no_transactions: number;
};

/**
 * A daily series from its statements' rows, however they were summed: the counts of an entity
 * no location shown can read are null (unavailable), never 0 (with no location at all they stay
 * 0); payments are grouped per currency in the rows' order, money formatted for its currency and
 * net = gross - refunded, exactly. Pure shaping, shared by getDailySeries and its test reference
 * (lib/metrics/testing/daily-series-from-rollups.ts), which differ only in how they sum; the
 * getDailySeries tests check this shaping against hand-written figures.
 *
 * @param period the validated `from`..`to`
 * @param scope the scope's counts; undefined (no row) reads as no locations
 */
export function dailySeriesFromRows(
  period: { from: string; to: string },
  scope: DailyScopeSql | undefined,
  countRows: readonly DailyCountsSql[],
  paymentRows: readonly DailyPaymentsSql[],
): DailySeriesResult {
  const scopeRow = scope ?? {
    locations: 0,
    no_contacts: 0,
    no_opportunities: 0,
    no_transactions: 0,
  };
  const hasContacts = scopeRow.locations === 0 || scopeRow.no_contacts < scopeRow.locations;
  const hasOpportunities =
    scopeRow.locations === 0 || scopeRow.no_opportunities < scopeRow.locations;

  const counts = countRows.map((row) => ({
    day: row.day,
    newContacts: hasContacts ? row.new_contacts : null,
    opportunitiesCreated: hasOpportunities ? row.created : null,
    opportunitiesWon: hasOpportunities ? row.won : null,
    opportunitiesLost: hasOpportunities ? row.lost : null,
  }));

  const byCurrency = new Map<string, DailyPaymentsPoint[]>();
  for (const row of paymentRows) {
    const points = byCurrency.get(row.currency) ?? [];
    points.push({
      day: row.day,
      paymentsCount: row.count,
      gross: formatMoney(row.gross, row.currency),
      refunded: formatMoney(row.refunded, row.currency),
      net: formatMoney(subtractDecimals(row.gross, row.refunded), row.currency),
    });
    byCurrency.set(row.currency, points);
  }

  return {
    from: period.from,
    to: period.to,
    locations: scopeRow.locations,
    excluded: {
      contacts: scopeRow.no_contacts,
      opportunities: scopeRow.no_opportunities,
      transactions: scopeRow.no_transactions,
    },
    counts,
    currencies: [...byCurrency.entries()].map(([currency, points]) => ({ currency, points })),
  };
}

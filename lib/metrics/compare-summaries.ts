import { formatMoney } from '@/lib/metrics/format-money';
import type { CountTotal, CurrencyTotal, ReportSummary } from '@/lib/metrics/summarize-report';

/**
 * What of two periods' totals (`summarizeReport`) is compared, and with what (docs/metrics.md,
 * "Previous period"): the KPI cards use it, and so will the coming email reports.
 */

/** A total as a comparable value: null when no location shown could read it (unavailable). */
export function comparableTotal(total: CountTotal, locations: number): number | null {
  return locations > 0 && total.unavailable === locations ? null : total.total;
}

/** The previous period's net payments in one currency: "0" in its format when none were made. */
export function previousNet(previous: ReportSummary, currency: string): string {
  return (
    previous.currencies.find((m) => m.currency === currency)?.net ?? formatMoney('0', currency)
  );
}

/**
 * The payment currencies to show for a period, sorted by code: those paid in now, plus those paid
 * in only in the previous period, with 0 now, so a drop shows. Money is never compared across
 * currencies.
 */
export function currenciesToCompare(
  current: ReportSummary,
  previous: ReportSummary | undefined,
): CurrencyTotal[] {
  const zero = (currency: string): CurrencyTotal => {
    const value = formatMoney('0', currency);
    return { currency, paymentsCount: 0, gross: value, refunded: value, net: value, locations: 0 };
  };
  return [
    ...current.currencies,
    ...(previous?.currencies ?? [])
      .filter((m) => !current.currencies.some((c) => c.currency === m.currency))
      .map((m) => zero(m.currency)),
  ].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}

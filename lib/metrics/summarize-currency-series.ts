import { compareDecimals, sumDecimals } from '@/lib/metrics/decimal';
import type { DailyPaymentsPoint } from '@/lib/metrics/get-daily-series';

/** A currency's daily payments over the period, in one line's worth of figures. */
export type CurrencySeriesSummary = {
  /** Net payments over every day, exact, in the series' currency. */
  net: string;
  paymentsCount: number;
  /** The day with the highest positive net; null when no day had one. */
  bestDay: DailyPaymentsPoint | null;
};

/**
 * Totals of one currency's daily series (`getDailySeries`), exactly: the net over the period, the
 * number of payments and the best day. Never across currencies: one series is one currency.
 */
export function summarizeCurrencySeries(
  points: readonly DailyPaymentsPoint[],
): CurrencySeriesSummary {
  let bestDay: DailyPaymentsPoint | null = null;
  for (const point of points) {
    const isPositive = compareDecimals(point.net, '0') > 0;
    if (isPositive && (!bestDay || compareDecimals(point.net, bestDay.net) > 0)) bestDay = point;
  }
  return {
    net: sumDecimals(points.map((point) => point.net)),
    paymentsCount: points.reduce((sum, point) => sum + point.paymentsCount, 0),
    bestDay,
  };
}

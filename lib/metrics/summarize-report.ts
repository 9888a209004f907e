export type { LocationCount } from '@/lib/metrics/locations-report-columns';
import type { LocationsReportRow } from '@/lib/metrics/get-locations-report';
import { sumDecimals } from '@/lib/metrics/decimal';
import { LOCATION_COUNTS, type LocationCount } from '@/lib/metrics/locations-report-columns';
import { winRate } from '@/lib/metrics/win-rate';

/** A count summed over locations; `unavailable` = locations left out because it could not be read. */
export type CountTotal = { total: number; unavailable: number };

/** Payments in one currency: money is only ever added up within a currency. */
export type CurrencyTotal = {
  currency: string;
  paymentsCount: number;
  gross: string;
  refunded: string;
  net: string;
  locations: number;
};

export type ReportSummary = {
  locations: number;
  /** Locations with at least one entity that could not be read. */
  partialLocations: number;
  counts: Record<LocationCount, CountTotal>;
  /** Payments summed over every currency row (a count, so adding across currencies is fine). */
  payments: CountTotal;
  /** won / (won + lost) over the summed counts, 4 decimals like the report; null when both are 0. */
  winRate: string | null;
  currencies: CurrencyTotal[];
};

/**
 * Cross-location totals of a locations report (the KPI cards; the coming email reports): the one
 * summary, computed here and nowhere else. Location-wide counts are taken once per
 * location (not once per currency row); payment money is summed per currency and never across
 * currencies; unavailable values are left out and counted, never treated as 0.
 */
export function summarizeReport(rows: readonly LocationsReportRow[]): ReportSummary {
  const counts = Object.fromEntries(
    LOCATION_COUNTS.map((key) => [key, { total: 0, unavailable: 0 }]),
  ) as Record<LocationCount, CountTotal>;
  const payments: CountTotal = { total: 0, unavailable: 0 };
  const seen = new Set<string>();
  const paymentsUnavailable = new Set<string>();
  const money = new Map<
    string,
    { count: number; gross: string[]; refunded: string[]; net: string[]; locations: Set<string> }
  >();
  let partialLocations = 0;

  for (const row of rows) {
    if (!seen.has(row.locationId)) {
      seen.add(row.locationId);
      if (row.unavailable.length > 0) partialLocations += 1;
      for (const key of LOCATION_COUNTS) {
        const value = row[key];
        if (value === null) counts[key].unavailable += 1;
        else counts[key].total += value;
      }
    }
    if (row.paymentsCount === null) {
      paymentsUnavailable.add(row.locationId);
      continue;
    }
    payments.total += row.paymentsCount;
    if (
      row.currency === '' ||
      row.paymentsGross === null ||
      row.paymentsRefunded === null ||
      row.paymentsNet === null
    )
      continue;
    const bucket = money.get(row.currency) ?? {
      count: 0,
      gross: [],
      refunded: [],
      net: [],
      locations: new Set<string>(),
    };
    bucket.count += row.paymentsCount;
    bucket.gross.push(row.paymentsGross);
    bucket.refunded.push(row.paymentsRefunded);
    bucket.net.push(row.paymentsNet);
    bucket.locations.add(row.locationId);
    money.set(row.currency, bucket);
  }
  payments.unavailable = paymentsUnavailable.size;

  const currencies = [...money.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, bucket]) => ({
      currency,
      paymentsCount: bucket.count,
      gross: sumDecimals(bucket.gross),
      refunded: sumDecimals(bucket.refunded),
      net: sumDecimals(bucket.net),
      locations: bucket.locations.size,
    }));

  return {
    locations: seen.size,
    partialLocations,
    counts,
    payments,
    winRate: winRate(counts.opportunitiesWon.total, counts.opportunitiesLost.total),
    currencies,
  };
}

import 'server-only';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { formatMoney } from '@/lib/metrics/format-money';
import { readLocationScope, type LocationPeriodParams } from '@/lib/metrics/read-location-scope';

/** GHL's opportunity statuses, in the order the drill-down lists them. */
export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost', 'abandoned'] as const;

/** One status (docs/metrics.md, "Opportunities by status"). */
export type OpportunityStatusFigures = {
  status: string;
  /**
   * The status's own "in the period": `open` is every opportunity open now, whatever its dates
   * (a snapshot, as open_pipeline_value); `won`, `lost` and `abandoned` are those with that
   * status now whose lastStatusChangeAt falls in the period (as opportunities_won/lost).
   */
  count: number;
  value: string;
  /** Of the opportunities created in the period, how many have this status now, and their value. */
  createdCount: number;
  createdValue: string;
};

/** One source (docs/metrics.md, "Opportunities by source"). */
export type OpportunitySourceFigures = {
  /** GHL's `source`, trimmed; null when the opportunity has none. */
  source: string | null;
  /** opportunities_created restricted to this source, and their value. */
  created: number;
  createdValue: string;
  /** opportunities_won and won_value restricted to this source. */
  won: number;
  wonValue: string;
  /** opportunities_lost restricted to this source. */
  lost: number;
};

export type OpportunitiesBreakdownParams = LocationPeriodParams;

/** `isAvailable` false: opportunities could not be read; the lists are empty (shown "—", not 0). */
export type OpportunitiesBreakdownResult = {
  locationId: string;
  from: string;
  to: string;
  isAvailable: boolean;
  byStatus: OpportunityStatusFigures[];
  bySource: OpportunitySourceFigures[];
} | null;

type SqlRow = {
  is_status: boolean;
  status: string | null;
  source: string | null;
  count: number;
  value: string;
  created: number;
  created_value: string;
  won: number;
  won_value: string;
  lost: number;
};

/**
 * One location's opportunities by status and by source for a period, in one statement (a
 * GROUPING SETS pass over the location's opportunities). Values are sums of monetaryValue in the
 * location's currency (missing = 0). Each column restricted to a status or source uses the same
 * rule as the report column it refines, so the sources' `created`, `won`, `wonValue` and `lost`
 * add up to the report's figures. Null when the location does not exist or is archived; throws
 * ReportParamsError on a bad period. Does not check who asks.
 *
 * @param db a Prisma client
 * @param params `{ locationId, from, to }`
 */
export async function getOpportunitiesBreakdown(
  db: Db,
  params: OpportunitiesBreakdownParams,
): Promise<OpportunitiesBreakdownResult> {
  const scope = await readLocationScope(db, params);
  if (!scope) return null;
  const base = { locationId: scope.locationId, from: scope.from, to: scope.to };
  if (!scope.isAvailable.opportunities)
    return { ...base, isAvailable: false, byStatus: [], bySource: [] };

  const rows = await db.$queryRaw<SqlRow[]>(Prisma.sql`
    WITH o AS (
      SELECT o.status, nullif(btrim(o.source), '') AS source,
        coalesce(o.monetary_value, 0) AS v,
        ${scope.inPeriod(Prisma.sql`o.created_at`)} AS is_created,
        (o.last_status_change_at IS NOT NULL
          AND ${scope.inPeriod(Prisma.sql`o.last_status_change_at`)}) AS is_changed
      FROM opportunities o WHERE o.location_id = ${scope.locationId}
    )
    SELECT GROUPING(o.source) = 1 AS is_status, o.status, o.source,
      (count(*) FILTER (WHERE o.status = 'open' OR o.is_changed))::int AS count,
      coalesce(sum(o.v) FILTER (WHERE o.status = 'open' OR o.is_changed), 0)::text AS value,
      (count(*) FILTER (WHERE o.is_created))::int AS created,
      coalesce(sum(o.v) FILTER (WHERE o.is_created), 0)::text AS created_value,
      (count(*) FILTER (WHERE o.status = 'won' AND o.is_changed))::int AS won,
      coalesce(sum(o.v) FILTER (WHERE o.status = 'won' AND o.is_changed), 0)::text AS won_value,
      (count(*) FILTER (WHERE o.status = 'lost' AND o.is_changed))::int AS lost
    FROM o
    GROUP BY GROUPING SETS ((o.status), (o.source))`);

  const statusRows = new Map(rows.filter((r) => r.is_status).map((r) => [r.status ?? '', r]));
  const statuses = [
    ...OPPORTUNITY_STATUSES,
    ...[...statusRows.keys()]
      .filter((s) => !(OPPORTUNITY_STATUSES as readonly string[]).includes(s))
      .sort(),
  ];
  const byStatus = statuses.map((status) => {
    const row = statusRows.get(status);
    return {
      status,
      count: row?.count ?? 0,
      value: formatMoney(row?.value ?? '0', ''),
      createdCount: row?.created ?? 0,
      createdValue: formatMoney(row?.created_value ?? '0', ''),
    };
  });
  const bySource = rows
    .filter((r) => !r.is_status && (r.created > 0 || r.won > 0 || r.lost > 0))
    .map((r) => ({
      source: r.source,
      created: r.created,
      createdValue: formatMoney(r.created_value, ''),
      won: r.won,
      wonValue: formatMoney(r.won_value, ''),
      lost: r.lost,
    }))
    .sort(
      (a, b) =>
        b.created - a.created ||
        b.won - a.won ||
        Number(a.source === null) - Number(b.source === null) ||
        (a.source ?? '').localeCompare(b.source ?? ''),
    );
  return { ...base, isAvailable: true, byStatus, bySource };
}

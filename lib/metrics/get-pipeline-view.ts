import 'server-only';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { sumDecimals } from '@/lib/metrics/decimal';
import { formatMoney } from '@/lib/metrics/format-money';
import { readLocationScope, type LocationPeriodParams } from '@/lib/metrics/read-location-scope';

/** Open opportunities now in one stage of a pipeline (a snapshot, like open_pipeline_value). */
export type PipelineStageFigures = {
  /** The stage id; null for open opportunities that name no stage. */
  stageId: string | null;
  /** The stage's name; null when the stage is not among the synced stages (unknown stage). */
  name: string | null;
  /** GHL's stage position (0-based); null for an unknown stage, which is listed last. */
  position: number | null;
  openCount: number;
  /** Sum of their monetaryValue (missing counts as 0), in the location's currency. */
  openValue: string;
};

/** One pipeline: its stages in stage order with the open opportunities, and won/lost in the period. */
export type PipelineFigures = {
  pipelineId: string;
  /** Null when opportunities name a pipeline that is not among the synced pipelines. */
  name: string | null;
  stages: PipelineStageFigures[];
  openCount: number;
  openValue: string;
  /** opportunities_won, restricted to this pipeline (status won now, status change in the period). */
  won: number;
  wonValue: string;
  /** opportunities_lost, restricted to this pipeline. */
  lost: number;
};

export type PipelineViewParams = LocationPeriodParams;

/**
 * `isAvailable` false: opportunities could not be read (docs/metrics.md "Unavailable is not
 * zero"), and `pipelines` is empty — shown as unavailable, never as 0.
 */
export type PipelineViewResult = {
  locationId: string;
  from: string;
  to: string;
  isAvailable: boolean;
  pipelines: PipelineFigures[];
} | null;

type SqlRow = {
  kind: 'stage' | 'decided';
  pipeline_id: string;
  pipeline_name: string | null;
  stage_id: string | null;
  stage_name: string | null;
  position: number | null;
  open_count: number;
  open_value: string;
  won: number;
  won_value: string;
  lost: number;
};

/**
 * The drill-down's pipeline view for one location (docs/metrics.md, "Pipeline view"): per
 * pipeline, every synced stage in stage order with the opportunities open in it now and their
 * value, then open opportunities in an unknown or no stage; and the pipeline's won and lost in the
 * period by the same rule as opportunities_won/lost. Only the current stage is known (GHL keeps
 * no stage history), so there are no stage-to-stage conversion rates. Null when the location does
 * not exist or is archived; throws ReportParamsError on a bad period. Does not check who asks.
 *
 * @param db a Prisma client
 * @param params `{ locationId, from, to }`
 */
export async function getPipelineView(
  db: Db,
  params: PipelineViewParams,
): Promise<PipelineViewResult> {
  const scope = await readLocationScope(db, params);
  if (!scope) return null;
  const base = { locationId: scope.locationId, from: scope.from, to: scope.to };
  if (!scope.isAvailable.opportunities) return { ...base, isAvailable: false, pipelines: [] };

  const id = scope.locationId;
  const rows = await db.$queryRaw<SqlRow[]>(Prisma.sql`
    WITH st AS (
      SELECT s.pipeline_id, s.id, s.name, s.position FROM pipeline_stages s WHERE s.location_id = ${id}
    ),
    op AS (
      SELECT o.pipeline_id, o.stage_id, count(*)::int AS n, coalesce(sum(o.monetary_value), 0) AS v
      FROM opportunities o WHERE o.location_id = ${id} AND o.status = 'open'
      GROUP BY o.pipeline_id, o.stage_id
    ),
    dc AS (
      SELECT o.pipeline_id,
        (count(*) FILTER (WHERE o.status = 'won'))::int AS won,
        coalesce(sum(o.monetary_value) FILTER (WHERE o.status = 'won'), 0) AS won_value,
        (count(*) FILTER (WHERE o.status = 'lost'))::int AS lost
      FROM opportunities o
      WHERE o.location_id = ${id} AND o.status IN ('won', 'lost')
        AND o.last_status_change_at IS NOT NULL AND ${scope.inPeriod(Prisma.sql`o.last_status_change_at`)}
      GROUP BY o.pipeline_id
    ),
    stage_rows AS (
      SELECT coalesce(st.pipeline_id, op.pipeline_id) AS pipeline_id,
        coalesce(st.id, op.stage_id) AS stage_id, st.name AS stage_name, st.position,
        coalesce(op.n, 0) AS open_count, coalesce(op.v, 0) AS open_value
      FROM st FULL JOIN op ON op.pipeline_id = st.pipeline_id AND op.stage_id = st.id
    )
    SELECT 'stage' AS kind, r.pipeline_id, p.name AS pipeline_name, r.stage_id, r.stage_name,
      r.position, r.open_count, r.open_value::text AS open_value, 0 AS won, '0' AS won_value, 0 AS lost
    FROM stage_rows r LEFT JOIN pipelines p ON p.location_id = ${id} AND p.id = r.pipeline_id
    UNION ALL
    SELECT 'decided', d.pipeline_id, p.name, NULL, NULL, NULL, 0, '0', d.won, d.won_value::text, d.lost
    FROM dc d LEFT JOIN pipelines p ON p.location_id = ${id} AND p.id = d.pipeline_id
    UNION ALL
    -- A synced pipeline with no stages and no opportunities is still listed.
    SELECT 'decided', p.id, p.name, NULL, NULL, NULL, 0, '0', 0, '0', 0
    FROM pipelines p WHERE p.location_id = ${id}`);

  const byId = new Map<string, PipelineFigures & { wonValues: string[]; openValues: string[] }>();
  for (const row of rows) {
    let pipeline = byId.get(row.pipeline_id);
    if (!pipeline) {
      pipeline = {
        pipelineId: row.pipeline_id,
        name: row.pipeline_name,
        stages: [],
        openCount: 0,
        openValue: '0',
        won: 0,
        wonValue: '0',
        lost: 0,
        wonValues: [],
        openValues: [],
      };
      byId.set(row.pipeline_id, pipeline);
    }
    if (row.kind === 'stage') {
      pipeline.stages.push({
        stageId: row.stage_id,
        name: row.stage_name,
        position: row.position,
        openCount: row.open_count,
        openValue: formatMoney(row.open_value, ''),
      });
      pipeline.openCount += row.open_count;
      pipeline.openValues.push(row.open_value);
    } else {
      pipeline.won += row.won;
      pipeline.lost += row.lost;
      pipeline.wonValues.push(row.won_value);
    }
  }
  const pipelines = [...byId.values()].map(({ wonValues, openValues, ...pipeline }) => ({
    ...pipeline,
    stages: pipeline.stages.sort(byStageOrder),
    openValue: formatMoney(sumDecimals(openValues), ''),
    wonValue: formatMoney(sumDecimals(wonValues), ''),
  }));
  pipelines.sort(
    (a, b) =>
      Number(a.name === null) - Number(b.name === null) ||
      (a.name ?? '').localeCompare(b.name ?? '') ||
      a.pipelineId.localeCompare(b.pipelineId),
  );
  return { ...base, isAvailable: true, pipelines };
}

/** Stage order: synced stages by position, then unknown stages, then "no stage". */
function byStageOrder(a: PipelineStageFigures, b: PipelineStageFigures): number {
  const rank = (s: PipelineStageFigures) => (s.position !== null ? 0 : s.stageId !== null ? 1 : 2);
  return (
    rank(a) - rank(b) ||
    (a.position ?? 0) - (b.position ?? 0) ||
    (a.stageId ?? '').localeCompare(b.stageId ?? '')
  );
}

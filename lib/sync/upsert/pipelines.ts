import type { PipelineRow } from '../transform';
import type { Deleted, PageWrite, Sql } from './sql';

/**
 * Upserts pipelines and their stages in one statement (two data-modifying CTEs plus the page's
 * checkpoint). Always rewrites: pipelines are few and every read of them is complete and
 * reconciled. They feed no rollup: returns [].
 */
export async function upsertPipelines(
  sql: Sql,
  locationId: string,
  rows: ReadonlyArray<PipelineRow>,
  write: PageWrite,
): Promise<Date[]> {
  if (rows.length === 0) return [];
  const stages = [...new Map(rows.flatMap((r) => r.stages).map((s) => [s.id, s])).values()];
  await sql.$queryRaw`
    WITH p AS (
      INSERT INTO pipelines (location_id, id, name, seen_at)
      SELECT ${locationId}, u.id, u.name, ${write.seenAt}
      FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.name)}::text[]) AS u(id, name)
      ON CONFLICT (location_id, id) DO UPDATE SET name = EXCLUDED.name, seen_at = EXCLUDED.seen_at
      RETURNING 1
    ), s AS (
      INSERT INTO pipeline_stages (location_id, id, pipeline_id, name, position, seen_at)
      SELECT ${locationId}, u.id, u.pipeline_id, u.name, u.position, ${write.seenAt}
      FROM unnest(${stages.map((s) => s.id)}::text[], ${stages.map((s) => s.pipelineId)}::text[],
        ${stages.map((s) => s.name)}::text[], ${stages.map((s) => s.position)}::int[]) AS u(id, pipeline_id, name, position)
      ON CONFLICT (location_id, id) DO UPDATE SET
        pipeline_id = EXCLUDED.pipeline_id, name = EXCLUDED.name, position = EXCLUDED.position, seen_at = EXCLUDED.seen_at
      RETURNING 1
    )${write.also}
    SELECT (SELECT count(*) FROM p) + (SELECT count(*) FROM s) AS written`;
  return [];
}

/** Deletes pipelines and stages the last complete read did not list. */
export async function deleteUnseenPipelines(
  sql: Sql,
  locationId: string,
  runStartedAt: Date,
): Promise<Deleted> {
  const stages =
    await sql.$executeRaw`DELETE FROM pipeline_stages WHERE location_id = ${locationId} AND seen_at < ${runStartedAt}`;
  const pipelines =
    await sql.$executeRaw`DELETE FROM pipelines WHERE location_id = ${locationId} AND seen_at < ${runStartedAt}`;
  return { count: stages + pipelines, instants: [] };
}

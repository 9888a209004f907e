import { groupDigits } from '@/lib/metrics/decimal';
import type { PipelineFigures, PipelineViewResult } from '@/lib/metrics/get-pipeline-view';
import styles from './drill-down.module.css';

function stageLabel(stage: PipelineFigures['stages'][number]) {
  if (stage.name !== null) return stage.name;
  return <span className={styles.unknown}>{stage.stageId ? 'Stage not synced' : 'No stage'}</span>;
}

/** One pipeline: open opportunities per stage, in stage order, as a table with bars. */
function PipelineCard({ pipeline, index }: { pipeline: PipelineFigures; index: number }) {
  const most = Math.max(1, ...pipeline.stages.map((stage) => stage.openCount));
  const headingId = `pipeline-${index}`;
  return (
    <article
      className={styles.card}
      aria-labelledby={headingId}
      data-pipeline-id={pipeline.pipelineId}
    >
      <h3 id={headingId}>
        {pipeline.name ?? <span className={styles.unknown}>Pipeline not synced</span>}
      </h3>
      <dl className={styles.totals}>
        <div>
          <dt>Open now</dt>
          <dd data-figure="open">
            {pipeline.openCount} ({groupDigits(pipeline.openValue)})
          </dd>
        </div>
        <div>
          <dt>Won in period</dt>
          <dd data-figure="won">
            {pipeline.won} ({groupDigits(pipeline.wonValue)})
          </dd>
        </div>
        <div>
          <dt>Lost in period</dt>
          <dd data-figure="lost">{pipeline.lost}</dd>
        </div>
      </dl>
      {pipeline.stages.length === 0 ? (
        <p className={styles.empty}>This pipeline has no stages.</p>
      ) : (
        <div className={styles.scroll} tabIndex={0} role="region" aria-labelledby={headingId}>
          <table className={styles.table}>
            <caption className="sr-only">
              Open opportunities per stage of {pipeline.name ?? 'an unsynced pipeline'}, in stage
              order
            </caption>
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col" className={styles.num}>
                  Open
                </th>
                <th scope="col" className={styles.num}>
                  Value
                </th>
                <th scope="col" className={styles.barCell}>
                  <span className="sr-only">Share of open opportunities</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {pipeline.stages.map((stage) => (
                <tr key={stage.stageId ?? 'none'} data-stage-id={stage.stageId ?? ''}>
                  <th scope="row">{stageLabel(stage)}</th>
                  <td className={styles.num} data-figure="open-count">
                    {stage.openCount}
                  </td>
                  <td className={styles.num} data-figure="open-value">
                    {groupDigits(stage.openValue)}
                  </td>
                  <td className={styles.barCell} aria-hidden="true">
                    <span
                      className={`${styles.bar} ${stage.openCount === 0 ? styles.barEmpty : ''}`}
                      style={{ width: `${(stage.openCount / most) * 100}%` }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

/**
 * The pipeline view: per pipeline, open opportunities and their value per stage (a snapshot) and
 * won/lost in the period. GHL gives only the current stage, so no conversion between stages.
 */
export function PipelineView({ view }: { view: NonNullable<PipelineViewResult> }) {
  if (view.pipelines.length === 0)
    return <p className={`${styles.card} ${styles.empty}`}>This location has no pipelines.</p>;
  return (
    <div className={styles.grid}>
      {view.pipelines.map((pipeline, index) => (
        <PipelineCard key={pipeline.pipelineId} pipeline={pipeline} index={index} />
      ))}
    </div>
  );
}

import { ghlId } from './ids';
import { Rng, hash32 } from './prng';
import type { Pipeline, SimLocation, Stage } from './types';

const DAY_MS = 86_400_000;
const HEX = '0123456789abcdef';

const TEMPLATES: readonly { name: string; stages: readonly string[] }[] = [
  {
    name: 'Sales Pipeline',
    stages: ['New Lead', 'Contacted', 'Proposal Sent', 'Negotiation', 'Closed'],
  },
  { name: 'Onboarding', stages: ['Signed', 'Kickoff', 'In Progress', 'Live'] },
  { name: 'Renewals, Upsells & "Win-backs"', stages: ['Due', 'Contacted', 'Quoted', 'Renewed'] },
];

/** Stage ids are UUIDs in the real API (see the spec's pipeline_stage_id example). */
function stageId(seed: number, locationIndex: number, pipeline: number, stage: number): string {
  const hex = new Rng(hash32(seed, 0x57a9e, locationIndex, pipeline, stage)).chars(HEX, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** Two or three pipelines per location; the last stage of each is where won deals sit. */
export function buildPipelines(seed: number, nowMs: number, loc: SimLocation): Pipeline[] {
  const rng = new Rng(hash32(seed, 0x919e, loc.index));
  const count = rng.chance(0.5) ? 3 : 2;
  const pipelines: Pipeline[] = [];
  for (let p = 0; p < count; p++) {
    const template = TEMPLATES[p];
    if (!template) break;
    const stages: Stage[] = template.stages.map((name, position) => ({
      id: stageId(seed, loc.index, p, position),
      name,
      position,
      // One hidden stage keeps funnel-vs-total differences visible.
      showInFunnel: !(p === 0 && position === 1),
      showInPieChart: true,
    }));
    const added = nowMs - (420 + p) * DAY_MS;
    pipelines.push({
      id: ghlId(seed, 0x919, loc.index, p),
      name: template.name,
      stages,
      showInFunnel: true,
      showInPieChart: p !== 2,
      locationId: loc.id,
      dateAdded: new Date(added).toISOString(),
      dateUpdated: new Date(added + rng.int(0, 30) * DAY_MS).toISOString(),
    });
  }
  return pipelines;
}

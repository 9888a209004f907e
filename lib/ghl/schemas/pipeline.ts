import { z } from 'zod';
import { optionalNumber } from './common';

/** A pipeline stage (untyped in the spec; observed `{ id, name, position, … }`). */
export const pipelineStageSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  position: optionalNumber,
});
export type GhlPipelineStage = z.infer<typeof pipelineStageSchema>;

/** A pipeline from `GET /opportunities/pipelines`, stages in GHL's order. */
export const pipelineSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  stages: z.array(pipelineStageSchema),
});
export type GhlPipeline = z.infer<typeof pipelineSchema>;

export const pipelinesEnvelope = z.looseObject({ pipelines: z.array(z.unknown()) });

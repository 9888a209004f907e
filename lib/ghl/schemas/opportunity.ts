import { z } from 'zod';
import { isoDateTime, optionalIsoDateTime, optionalNumber, optionalString } from './common';

export const opportunityStatusSchema = z.enum(['open', 'won', 'lost', 'abandoned']);
export type GhlOpportunityStatus = z.infer<typeof opportunityStatusSchema>;

/** An opportunity from `GET /opportunities/search`. */
export const opportunitySchema = z.object({
  id: z.string().min(1),
  pipelineId: z.string().min(1),
  pipelineStageId: z.string().min(1),
  status: opportunityStatusSchema,
  /** In the location's currency (opportunities carry none); null when unset. */
  monetaryValue: optionalNumber,
  source: optionalString,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  lastStatusChangeAt: optionalIsoDateTime,
});
export type GhlOpportunity = z.infer<typeof opportunitySchema>;

export const opportunitiesSearchEnvelope = z.looseObject({
  opportunities: z.array(z.unknown()),
  meta: z.looseObject({
    total: z.number().optional(),
    nextPageUrl: z.string().nullish(),
    startAfterId: z.string().nullish(),
    startAfter: z.union([z.number(), z.string()]).nullish(),
  }),
});

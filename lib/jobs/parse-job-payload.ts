import type { z } from 'zod';
import { JobPayloadError } from './errors';
import type { JobDefinition } from './types';

/** Validates a payload against its job's schema; a JobPayloadError names the job and the fields. */
export function parseJobPayload<P extends z.ZodType>(
  definition: JobDefinition<P>,
  data: unknown,
): z.output<P> {
  const result = definition.payload.safeParse(data);
  if (!result.success) throw new JobPayloadError(definition.name, result.error.issues);
  return result.data;
}

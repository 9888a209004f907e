import 'server-only';

import type PgBoss from 'pg-boss';
import type { z } from 'zod';
import { getBoss } from './boss';
import { ensureQueue } from './ensure-queue';
import { parseJobPayload } from './parse-job-payload';
import type { JobDefinition } from './types';

/**
 * Queues a job after validating its payload (a JobPayloadError names the job and the fields).
 * Returns the job id, or null when pg-boss dropped it as a duplicate of a queued job with the
 * same singleton key. Sends on `options.boss`, else on the process's shared instance;
 * `startAfterSeconds` holds the job back that long (a queued job it holds back still counts for
 * the singleton key, so sends in that time are dropped into it).
 */
export async function enqueue<P extends z.ZodType>(
  definition: JobDefinition<P>,
  payload: z.input<P>,
  options: { boss?: PgBoss; startAfterSeconds?: number } = {},
): Promise<string | null> {
  const data = parseJobPayload(definition, payload);
  const boss = options.boss ?? (await getBoss());
  await ensureQueue(boss, definition);
  const singletonKey = definition.singletonKey(data);
  return boss.send(definition.name, data as object, {
    ...(singletonKey ? { singletonKey } : {}),
    ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
  });
}

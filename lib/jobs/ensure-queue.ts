import 'server-only';

import type PgBoss from 'pg-boss';
import type { JobDefinition } from './types';

const created = new WeakMap<PgBoss, Map<string, Promise<void>>>();

/**
 * Creates the job's queue with its policy once per pg-boss instance (pg-boss 10 needs it first).
 * Concurrent callers share one creation: two `createQueue` calls for the same new queue at once
 * deadlock in PostgreSQL (a burst of webhook deliveries right after start would get 500s). A failed
 * creation is forgotten, so the next caller tries again.
 */
export async function ensureQueue(boss: PgBoss, definition: JobDefinition): Promise<void> {
  const queues = created.get(boss) ?? new Map<string, Promise<void>>();
  created.set(boss, queues);
  let creation = queues.get(definition.name);
  if (!creation) {
    creation = boss.createQueue(definition.name, { name: definition.name, ...definition.queue });
    queues.set(definition.name, creation);
    creation.catch(() => queues.delete(definition.name));
  }
  await creation;
}

import 'server-only';

import type PgBoss from 'pg-boss';
import type { JobDefinition } from './types';

const created = new WeakMap<PgBoss, Set<string>>();

/** Creates the job's queue with its policy once per pg-boss instance (pg-boss 10 needs it first). */
export async function ensureQueue(boss: PgBoss, definition: JobDefinition): Promise<void> {
  const names = created.get(boss) ?? new Set<string>();
  created.set(boss, names);
  if (names.has(definition.name)) return;
  await boss.createQueue(definition.name, { name: definition.name, ...definition.queue });
  names.add(definition.name);
}

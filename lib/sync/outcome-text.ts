import type { EntityOutcome, LocationOutcome } from './types';

function isProblem(e: EntityOutcome): boolean {
  return e.status !== 'ok' && e.status !== 'skipped';
}

/** One line naming what went wrong in a location (`<id>: <summary>`), or null when it synced completely. */
export function locationProblemLine(outcome: LocationOutcome): string | null {
  const summary = locationProblemSummary(outcome);
  return summary === null ? null : `${outcome.locationId}: ${summary}`;
}

/** What went wrong, grouped by status, e.g. `scope_missing (all entities)`; null when complete. */
export function locationProblemSummary(outcome: LocationOutcome): string | null {
  if (outcome.busy) return 'busy (another sync was running)';
  const problems = outcome.entities.filter(isProblem);
  if (problems.length === 0) return null;
  const byStatus = new Map<string, string[]>();
  for (const p of problems) byStatus.set(p.status, [...(byStatus.get(p.status) ?? []), p.entity]);
  const parts = [...byStatus].map(
    ([status, entities]) =>
      `${status} (${entities.length === outcome.entities.length ? 'all entities' : entities.join(', ')})`,
  );
  return parts.join('; ');
}

/**
 * Human lines for a location's problems, grouped by status: the reason (GHL's words) and the fix.
 * Used by the CLI on stderr.
 */
export function locationProblemDetails(outcome: LocationOutcome): string[] {
  if (outcome.busy)
    return [
      `${outcome.locationId} ${JSON.stringify(outcome.name)}: another sync of this location was running; try again later.`,
    ];
  const groups = new Map<string, EntityOutcome[]>();
  for (const e of outcome.entities.filter(isProblem)) {
    const key = `${e.status}\u0000${e.message ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const lines: string[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const entities = group.map((e) => e.entity).join(', ');
    lines.push(
      `${outcome.locationId} ${JSON.stringify(outcome.name)}: ${entities}: ${first.status}${first.message ? ` — ${first.message}` : ''}`,
    );
    if (first.fix) lines.push(`    fix: ${first.fix}`);
  }
  return lines;
}

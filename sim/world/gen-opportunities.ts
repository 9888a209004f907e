import { iso, money, spreadTime, type LocationContext } from './context';
import { ENTITY_CODE, generateContact } from './gen-contacts';
import { ghlId } from './ids';
import { LOST_REASONS, OPPORTUNITY_NOUNS, SOURCES } from './names';
import { Rng, hash32 } from './prng';
import type { Opportunity, OpportunityStatus, Stored } from './types';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const EMPTY: never[] = Object.freeze([]) as unknown as never[];

const STATUS_WEIGHTS: readonly (readonly [OpportunityStatus, number])[] = [
  ['open', 0.5],
  ['won', 0.25],
  ['lost', 0.18],
  ['abandoned', 0.07],
];

export function lostReasonIds(ctx: LocationContext): string[] {
  return LOST_REASONS.map((_, i) => ghlId(ctx.seed, 0x105e, ctx.loc.index, i));
}

/** Embedded contact summary, as the opportunities search returns it. */
export function contactSummary(ctx: LocationContext, contactKey: number): Opportunity['contact'] {
  const contact = generateContact(ctx, contactKey).rec;
  const summary: Opportunity['contact'] = {
    id: contact.id,
    name: `${contact.firstName} ${contact.lastName}`,
    tags: contact.tags,
  };
  if (contact.companyName !== null) summary.companyName = contact.companyName;
  if (contact.email !== null) summary.email = contact.email;
  if (contact.phone !== null) summary.phone = contact.phone;
  return summary;
}

/**
 * Opportunity `key`. Boundary keys are won deals whose `lastStatusChangeAt` sits exactly on (or
 * 1 ms before) a local midnight. Won and lost deals change status after they were created.
 */
export function generateOpportunity(
  ctx: LocationContext,
  key: number,
  createdAt?: number,
): Stored<Opportunity> {
  const rng = new Rng(hash32(ctx.seed, ENTITY_CODE.opportunities, ctx.loc.index, key));
  const id = ghlId(ctx.seed, ENTITY_CODE.opportunities, ctx.loc.index, key);
  const pipeline = rng.pick(ctx.pipelines);
  const boundary = createdAt === undefined ? ctx.boundaryTimes[key] : undefined;
  let status: OpportunityStatus = boundary !== undefined ? 'won' : rng.weighted(STATUS_WEIGHTS);
  if (createdAt !== undefined) status = 'open';

  let added: number;
  let statusAt: number;
  if (createdAt !== undefined) {
    added = createdAt;
    statusAt = createdAt;
  } else if (boundary !== undefined) {
    statusAt = boundary;
    added = boundary - 3 * DAY_MS - rng.int(0, 23) * HOUR_MS;
  } else {
    added = spreadTime(rng, ctx.nowMs);
    statusAt =
      status === 'open' ? added : Math.min(ctx.nowMs, added + rng.int(1, 90 * 24) * HOUR_MS);
  }
  const stages = pipeline.stages;
  const lastStage = stages[stages.length - 1];
  const stage = status === 'won' ? lastStage : stages[rng.int(0, Math.max(0, stages.length - 2))];
  const stageAt = status === 'won' ? statusAt : Math.floor(added + rng.next() * (statusAt - added));
  const updated =
    createdAt !== undefined || boundary !== undefined
      ? statusAt
      : Math.min(ctx.nowMs, statusAt + (rng.chance(0.5) ? 0 : rng.int(1, 72) * HOUR_MS));

  const currency = ctx.loc.currencies[0] ?? 'USD';
  // Boundary deals always carry value, so a day-bucketing bug moves money between days.
  const monetaryValue =
    rng.chance(0.1) && boundary === undefined
      ? 0
      : money(currency === 'JPY' ? rng.int(1_000, 500_000) : rng.float(50, 5_000), currency);
  const contactKey = rng.int(0, Math.max(0, ctx.loc.sizes.contacts - 1));
  const contact = contactSummary(ctx, contactKey);
  const lostReasons = lostReasonIds(ctx);
  const assignedTo = rng.chance(0.8) ? rng.pick(ctx.userIds) : undefined;

  const rec: Opportunity = {
    id,
    name: `${contact.name} - ${rng.pick(OPPORTUNITY_NOUNS)}`,
    monetaryValue,
    pipelineId: pipeline.id,
    pipelineStageId: stage?.id ?? '',
    status,
    source: rng.pick(SOURCES),
    lastStatusChangeAt: iso(statusAt),
    lastStageChangeAt: iso(stageAt),
    lastActionDate: iso(updated),
    createdAt: iso(added),
    updatedAt: iso(updated),
    contactId: contact.id,
    locationId: ctx.loc.id,
    contact,
    notes: EMPTY,
    tasks: EMPTY,
    calendarEvents: EMPTY,
    customFields: EMPTY,
    followers: EMPTY,
  };
  if (assignedTo !== undefined) rec.assignedTo = assignedTo;
  if (status === 'lost') rec.lostReasonId = rng.pick(lostReasons);
  return { key, id, added, updated, rec };
}

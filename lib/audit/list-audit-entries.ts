import 'server-only';

import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { reportDaySchema } from '@/lib/metrics/locations-report-params';
import { AUDIT_ACTIONS, auditActionSchema, type AuditAction } from './audit-actions';

// Days the database can hold (2000-01-01..2100-12-31); anything else is dropped like a bad value.
const day = reportDaySchema;

/** The audit page's filters, as its query string gives them (bad values are dropped, not fatal). */
export const auditFiltersSchema = z.object({
  /** Part of the actor's email, case-insensitive. */
  actor: z.string().trim().max(320).optional().catch(undefined),
  action: auditActionSchema.optional().catch(undefined),
  /** First and last day (UTC) of the period, inclusive. */
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  /** Entries older than this entry (paging). */
  before: z.uuid().optional().catch(undefined),
});
export type AuditFilters = z.output<typeof auditFiltersSchema>;

export type AuditEntry = {
  id: string;
  at: string;
  actorEmail: string;
  action: AuditAction | string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  before: unknown;
  after: unknown;
};

export type AuditPage = { entries: AuditEntry[]; nextBefore: string | null };

export const AUDIT_PAGE_SIZE = 100;

/**
 * The audit log, newest first, filtered by actor (part of the email), action and a period of UTC
 * days; 100 entries a page, `nextBefore` pages on.
 */
export async function listAuditEntries(db: Db, filters: AuditFilters): Promise<AuditPage> {
  const where: Prisma.AuditLogEntryWhereInput = {};
  if (filters.actor)
    where.actorEmail = { contains: filters.actor.toLowerCase(), mode: 'insensitive' };
  if (filters.action && (AUDIT_ACTIONS as readonly string[]).includes(filters.action))
    where.action = filters.action;
  const at: Prisma.DateTimeFilter = {};
  if (filters.from) at.gte = new Date(`${filters.from}T00:00:00Z`);
  if (filters.to) at.lt = new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000);
  if (filters.before) {
    const anchor = await db.auditLogEntry.findUnique({
      where: { id: filters.before },
      select: { at: true, id: true },
    });
    if (anchor) where.OR = [{ at: { lt: anchor.at } }, { at: anchor.at, id: { lt: anchor.id } }];
  }
  if (at.gte || at.lt) where.at = at;
  const rows = await db.auditLogEntry.findMany({
    where,
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: AUDIT_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    entries: page.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actorEmail: row.actorEmail,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      targetLabel: row.targetLabel,
      before: row.before,
      after: row.after,
    })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? (page.at(-1)?.id ?? null) : null,
  };
}

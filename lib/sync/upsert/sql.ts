import 'server-only';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';

/** A Prisma client or an interactive transaction: anything that runs tagged-template SQL. */
export type Sql = Db | Prisma.TransactionClient;

/** How one page is written. */
export type PageWrite = {
  /** Start of the run that saw these records (becomes `seen_at`). */
  seenAt: Date;
  /**
   * Rewrite rows whose data did not change, to move their `seen_at` (full runs, which reconcile
   * deletions by it). Otherwise unchanged rows are left alone: no dead tuples for records an
   * incremental run merely re-read.
   */
  rewriteUnchanged: boolean;
  /** A further data-modifying CTE (`, name AS (…)`) committed in the same statement: the checkpoint. */
  also: Prisma.Sql;
  /**
   * Return the instants whose local day changed. False when the whole location is recomputed
   * anyway (first sync, resumed run): the statement then skips reading old values and returns
   * one row instead of one per record.
   */
  wantInstants: boolean;
};

/** One row of a "what changed" result: rollup-relevant instants before and after the upsert. */
export type ChangedInstants = {
  old_a: Date | null;
  old_b: Date | null;
  new_a: Date | null;
  new_b: Date | null;
};

/** Flattens changed-row instants to the list the rollups need (nulls dropped). */
export function instantsOf(rows: ReadonlyArray<Partial<ChangedInstants>>): Date[] {
  const out: Date[] = [];
  for (const row of rows) {
    for (const value of [row.old_a, row.old_b, row.new_a, row.new_b]) if (value) out.push(value);
  }
  return out;
}

/** What a reconcile deleted: how many rows, and the rollup-relevant instants of those rows. */
export type Deleted = { count: number; instants: Date[] };

/** The final SELECT of an upsert that does not need instants: one row, `old` never evaluated. */
export const COUNT_ONLY = Prisma.sql`SELECT count(*)::int AS written FROM up`;

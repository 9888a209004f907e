import { z } from 'zod';
import { getSessionUser } from '@/lib/auth/get-session-user';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/handle-error';
import { getSyncProgress } from '@/lib/metrics/get-sync-progress';
import type { SyncProgressResponse } from '@/lib/query/sync-progress-query';

export const dynamic = 'force-dynamic';

const runParam = z.uuid().nullable();

/**
 * A sync run's progress as JSON: `[?run=ID]`, the latest run without it. Admins only (problem
 * lines name every location): `unauthenticated` (401), `forbidden` (403) for staff,
 * `invalid_input` (400) for a malformed id, `{ progress: null }` for no such run.
 */
export const GET = route(async (request) => {
  const user = await getSessionUser();
  if (!user) throw new AppError('unauthenticated', 'Sign in to follow a sync.');
  if (user.role !== 'admin') throw new AppError('forbidden', 'Only admins follow syncs.');
  const parsed = runParam.safeParse(new URL(request.url).searchParams.get('run'));
  if (!parsed.success) throw new AppError('invalid_input', 'Expected a sync run id.');
  const body: SyncProgressResponse = { progress: await getSyncProgress(db(), parsed.data) };
  return Response.json(body, { headers: { 'Cache-Control': 'private, no-store' } });
});

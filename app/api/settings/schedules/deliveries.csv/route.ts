import { getSessionUser } from '@/lib/auth/get-session-user';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { route } from '@/lib/handle-error';
import { csvResponse } from '@/lib/reports/csv';
import { deliveryLogCsvLines } from '@/lib/reports/delivery/delivery-log-csv';
import { deliveryFilterSchema } from '@/lib/reports/delivery/list-deliveries';

export const dynamic = 'force-dynamic';

/** The delivery log as a streamed CSV, same filters and same rule as its page: admins only. */
export const GET = route(async (request) => {
  const user = await getSessionUser();
  if (!user) throw new AppError('unauthenticated', 'Sign in to download the delivery log.');
  if (user.role !== 'admin') throw new AppError('not_found', 'Not found.');
  const params = new URL(request.url).searchParams;
  const filter = deliveryFilterSchema.parse({
    scheduleId: params.get('scheduleId') || undefined,
    status: params.get('status') || undefined,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
  });
  return csvResponse(deliveryLogCsvLines(db(), filter), 'agency-pulse-deliveries.csv');
});

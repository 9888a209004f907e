import { route } from '@/lib/handle-error';
import { checkHealth } from '@/lib/health/check-health';

export const dynamic = 'force-dynamic';

/** Liveness for load balancers and the demo script: no agency data, no secrets. */
export const GET = route(async () => {
  const health = await checkHealth();
  return Response.json(health, { status: health.ok ? 200 : 503 });
});

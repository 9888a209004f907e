import { db } from '@/lib/db/client';
import { invalidInput } from '@/lib/errors';
import { route } from '@/lib/handle-error';
import { setPasswordSchema, setPasswordWithLink } from '@/lib/users/set-password-with-link';

export const dynamic = 'force-dynamic';

/**
 * `POST { token, password, confirmPassword }`: sets a password through a one-time link (public:
 * the link is the credential). `not_found` (404) for a used, replaced or expired link, one
 * message for all; `invalid_input` (400) for a weak or mismatched password.
 */
export const POST = route(async (request) => {
  const parsed = setPasswordSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) throw invalidInput(parsed.error);
  const result = await setPasswordWithLink(db(), parsed.data);
  return Response.json(result, { headers: { 'Cache-Control': 'private, no-store' } });
});

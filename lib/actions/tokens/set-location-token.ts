'use server';

import { z } from 'zod';
import { locationIdInputSchema } from '@/lib/location-id';
import { authorizedAction } from '@/lib/actions/authorized-action';
import { EnvError, requireEncryptionKey, requireGhlSettings } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { checkLocationToken, type TokenCheckResult } from '@/lib/sync/check-location-token';
import { normaliseTokenInput } from '@/lib/sync/location-tokens';
import { saveLocationToken } from '@/lib/sync/save-location-token';

const input = z.object({
  locationId: locationIdInputSchema,
  token: z
    .string({ message: 'paste the token' })
    .trim()
    .min(1, { message: 'paste the token' })
    .max(4096, { message: 'expected at most 4096 characters' })
    .regex(/^\S+$/, { message: 'paste exactly one token, without spaces' }),
  /** The admin saw which scopes are missing and saves anyway. */
  confirmMissingScopes: z
    .union([z.boolean(), z.literal('true'), z.literal('false'), z.literal('on')])
    .optional()
    .transform((value) => value === true || value === 'true' || value === 'on'),
});

/** What the page learns: the live check per scope, and whether the token was stored (by fingerprint). */
export type SetLocationTokenResult = {
  check: TokenCheckResult;
  saved: boolean;
  /** Set when saved. */
  fingerprint: string | null;
  /** Not saved because scopes are missing: the admin may confirm and send it again. */
  needsConfirmation: boolean;
};

/**
 * Admins set or replace a location's Private Integration Token. It is checked live against GHL
 * first (one cheap read per entity); a rejected token is never stored, one missing scopes only
 * when `confirmMissingScopes` is set. The answer never contains the token.
 */
export const setLocationToken = authorizedAction({
  name: 'tokens/set-location-token',
  input,
  roles: ['admin'],
  handler: async (request, { user, db }): Promise<SetLocationTokenResult> => {
    let key: Buffer;
    let ghl: ReturnType<typeof requireGhlSettings>;
    try {
      key = requireEncryptionKey();
      ghl = requireGhlSettings();
    } catch (error) {
      if (error instanceof EnvError) throw new AppError('unavailable', error.message);
      throw error;
    }
    const token = normaliseTokenInput(request.token);
    const location = await db.location.findFirst({
      where: { id: request.locationId, archivedAt: null },
      select: { id: true, name: true },
    });
    if (!location) throw new AppError('not_found', 'No such location.');
    const check = await checkLocationToken({
      baseUrl: ghl.baseUrl,
      companyId: ghl.companyId,
      locationId: location.id,
      token,
    });
    const refused = { check, saved: false, fingerprint: null };
    if (check.isRejected) return { ...refused, needsConfirmation: false };
    if (!check.isComplete && !request.confirmMissingScopes)
      return { ...refused, needsConfirmation: true };
    const { fingerprint } = await saveLocationToken(db, user, {
      locationId: location.id,
      locationName: location.name,
      token,
      key,
      missingScopes: check.missingScopes,
    });
    return { check, saved: true, fingerprint, needsConfirmation: false };
  },
});

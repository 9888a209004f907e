import { z } from 'zod';

/**
 * The fields of GHL's OAuth answers Agency Pulse relies on (sim/openapi/apps/oauth.json:
 * GetAccessCodeSuccessfulResponseDto, GetLocationAccessTokenSuccessfulResponseDto,
 * GetInstalledLocationsSuccessfulResponseDto); other fields pass through unread.
 */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  scope: z.string().optional(),
  userType: z.string().optional(),
  companyId: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const locationTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  locationId: z.string().optional(),
});

export const installedLocationsResponseSchema = z.looseObject({
  locations: z.array(
    z.looseObject({ _id: z.string(), name: z.string(), isInstalled: z.boolean().optional() }),
  ),
  count: z.number().optional(),
});

/** An agency (Company) token pair as stored: absolute expiry instead of `expires_in`. */
export type AgencyTokens = {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scope: string | null;
  companyId: string | null;
  userType: string | null;
};

/** Turns a token answer into absolute times, read against `now`. */
export function toAgencyTokens(body: TokenResponse, now: Date): AgencyTokens {
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    expiresAt: new Date(now.getTime() + body.expires_in * 1000),
    scope: body.scope ?? null,
    companyId: body.companyId ?? null,
    userType: body.userType ?? null,
  };
}

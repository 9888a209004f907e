/** The Marketplace app's credentials (GHL_OAUTH_*), as lib/env.ts validated them. */
export type OAuthClientSettings = {
  clientId: string;
  clientSecret: string;
  /** Where GHL sends the admin back: this app's /api/oauth/callback. */
  redirectUrl: string;
  /** GHL's authorize page (default https://marketplace.gohighlevel.com/v2/oauth/chooselocation). */
  authorizeUrl: string;
};

/** The scopes Agency Pulse asks for: read-only data, plus minting location tokens. */
export const OAUTH_SCOPES = [
  'locations.readonly',
  'contacts.readonly',
  'opportunities.readonly',
  'payments/transactions.readonly',
  'payments/orders.readonly',
  'payments/subscriptions.readonly',
  'oauth.readonly',
  'oauth.write',
] as const;

/**
 * The httpOnly cookie that carries a connect attempt's `state` from "Connect" to the callback,
 * so the callback proves the same browser came back (with the stored, admin-bound state).
 * `SameSite=Lax`: sent on GHL's top-level redirect back, never on cross-site subrequests.
 */
export const CONNECT_STATE_COOKIE = 'ap_oauth_state';

/** Only the callback route reads it. */
export const CONNECT_STATE_COOKIE_PATH = '/api/oauth/callback';

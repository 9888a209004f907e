/**
 * The error code the server sends when an email is locked after too many failed sign-ins
 * (thrown by lib/auth/sign-in-throttle.ts, worded by components/auth/sign-in-error-message.ts).
 * A module of its own without server imports, so the sign-in form may read it too.
 */
export const SIGN_IN_LOCKED_CODE = 'TooManyFailedSignIns';

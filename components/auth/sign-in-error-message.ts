import { SIGN_IN_LOCKED_CODE } from '@/lib/auth/sign-in-locked-code';

export const BAD_CREDENTIALS_MESSAGE =
  'That email and password do not match an account. Check both and try again.';
export const SIGN_IN_FAILED_MESSAGE =
  'Sign-in did not work just now. Please try again in a moment.';

export const SIGN_IN_LOCKED_MESSAGE =
  'Too many failed sign-ins for this email. Wait 15 minutes, then try again.';

/** A sentence for next-auth's error codes (`?error=` after a redirect, or signIn's result). */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  if (code === 'CredentialsSignin') return BAD_CREDENTIALS_MESSAGE;
  if (code === SIGN_IN_LOCKED_CODE) return SIGN_IN_LOCKED_MESSAGE;
  return SIGN_IN_FAILED_MESSAGE;
}

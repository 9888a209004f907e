export const BAD_CREDENTIALS_MESSAGE =
  'That email and password do not match an account. Check both and try again.';
export const SIGN_IN_FAILED_MESSAGE =
  'Sign-in did not work just now. Please try again in a moment.';

/** A sentence for next-auth's error codes (`?error=` after a redirect, or signIn's result). */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return code === 'CredentialsSignin' ? BAD_CREDENTIALS_MESSAGE : SIGN_IN_FAILED_MESSAGE;
}

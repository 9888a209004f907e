import type { Metadata } from 'next';
import { SetPasswordView } from '@/components/auth/set-password-view';

export const metadata: Metadata = { title: 'Set your password' };

/**
 * `/set-password#token=…` (public): the one-time link an admin gave. The token stays in the
 * fragment, which browsers never send, so the server renders the same page for everyone.
 */
export default function SetPasswordPage() {
  return <SetPasswordView />;
}

import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginView } from '@/components/auth/login-view';
import { signInErrorMessage } from '@/components/auth/sign-in-error-message';
import { authConfigProblem } from '@/lib/auth/auth-options';
import { getSessionUser } from '@/lib/auth/get-session-user';
import { safeCallbackPath } from '@/lib/auth/safe-callback-path';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(first(params.callbackUrl));
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <LoginView
      callbackUrl={callbackUrl}
      initialError={signInErrorMessage(first(params.error))}
      configProblem={authConfigProblem()}
    />
  );
}

import { expect, test as setup, type APIRequestContext } from '@playwright/test';
import { STORAGE, USERS } from './fixtures/e2e-data';

// API sign-in (csrf token + credentials callback), so the specs start signed in without the form.
async function signIn(
  request: APIRequestContext,
  user: { email: string; password: string },
  path: string,
) {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as {
    csrfToken: string;
  };
  const response = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email: user.email, password: user.password, json: 'true', callbackUrl: '/' },
  });
  expect(response.ok()).toBe(true);
  const session = (await (await request.get('/api/auth/session')).json()) as {
    user?: { email?: string };
  };
  expect(session.user?.email).toBe(user.email);
  await request.storageState({ path });
}

setup('sign in the admin', async ({ request }) => {
  await signIn(request, USERS.admin, STORAGE.admin);
});

setup('sign in the staff user', async ({ request }) => {
  await signIn(request, USERS.staff, STORAGE.staff);
});

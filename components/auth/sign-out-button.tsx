'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';

/** Ends the session (next-auth clears the cookie), then shows the sign-in page. */
export function SignOutButton() {
  const [isPending, setPending] = useState(false);
  async function handleClick() {
    setPending(true);
    try {
      await signOut({ redirect: false });
    } finally {
      window.location.assign('/login');
    }
  }
  return (
    <button type="button" className="btn btn-small" onClick={handleClick} disabled={isPending}>
      {isPending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}

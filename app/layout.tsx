import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { QueryProvider } from '@/components/providers/query-provider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Agency Pulse', template: '%s · Agency Pulse' },
  description: 'Every GoHighLevel sub-account side by side, with money in it.',
};

/**
 * Every page renders per request: the Content-Security-Policy (proxy.ts) carries a fresh nonce
 * that Next puts on its scripts while rendering, and a page prerendered at build time would have
 * none, so the browser would refuse its scripts (docs/security.md). Waiting for the connection
 * here makes no page static, including the not-found page.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}

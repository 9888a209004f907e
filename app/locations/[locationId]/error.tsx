'use client';

import { PublicHeader } from '@/components/layout/public-header';
import { LocationLoadError } from '@/components/reports/location-not-found';

/** The location page failed on the server (e.g. the database is down): say so, offer a retry. */
export default function LocationError({ reset }: { error: Error; reset: () => void }) {
  return (
    <>
      <PublicHeader />
      <LocationLoadError onRetry={reset} />
    </>
  );
}

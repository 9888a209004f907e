import Link from 'next/link';
import { LocationNotFound } from '@/components/reports/location-not-found';

/** 404 for a location that does not exist, has left the agency, or is not the user's. */
export default function NotFound() {
  return (
    <LocationNotFound
      backLink={
        <Link href="/" className="btn btn-primary">
          Back to the roll-up
        </Link>
      }
    />
  );
}

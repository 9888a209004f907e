import Link from 'next/link';
import { BrandMark } from '@/components/layout/brand-mark';

/** The landing page for visitors who are not signed in: what Agency Pulse is. Shows no agency data. */
export function HomeView() {
  return (
    <main>
      <h1 style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <BrandMark size={36} />
        Agency Pulse
      </h1>
      <p className="muted">
        Every GoHighLevel sub-account side by side, with money in it: contacts, pipeline and
        payments per location, over any date range.
      </p>
      <p>
        <Link href="/login" className="btn btn-primary">
          Sign in
        </Link>
      </p>
      <section className="card" aria-labelledby="how-it-works">
        <h2 id="how-it-works">How it works</h2>
        <ol>
          <li>One agency Private Integration Token lists your sub-accounts.</li>
          <li>
            The sync reads each location&apos;s contacts, opportunities and payments into your own
            Postgres.
          </li>
          <li>
            The dashboard compares every location over any period, with a CSV of the same report.
          </li>
        </ol>
        <p className="muted">
          Server health: <a href="/api/health">/api/health</a>
        </p>
      </section>
    </main>
  );
}

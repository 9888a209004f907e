/** The landing page: what Agency Pulse is and where its data comes from. Shows no agency data. */
export function HomeView() {
  return (
    <main>
      <h1>Agency Pulse</h1>
      <p className="muted">
        Every GoHighLevel sub-account side by side, with money in it: contacts, pipeline and payments
        per location, over any date range.
      </p>
      <section className="card" aria-labelledby="how-it-works">
        <h2 id="how-it-works">How it works</h2>
        <ol>
          <li>One agency Private Integration Token lists your sub-accounts.</li>
          <li>The sync reads each location&apos;s contacts, opportunities and payments into your own Postgres.</li>
          <li>Reports compare every location over any period; CSV export from the command line today.</li>
        </ol>
        <p className="muted">
          Server health: <a href="/api/health">/api/health</a>
        </p>
      </section>
    </main>
  );
}

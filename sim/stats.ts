/** Request accounting, read by tests (`sim.stats()`) and over HTTP (`GET /__sim/stats`). */

export type RequestLogEntry = {
  at: string;
  method: string;
  path: string;
  endpoint: string;
  status: number;
  locationId: string | null;
  tokenKind: 'agency' | 'location' | 'unknown';
  /** The 429 or 5xx came from an injected fault rather than the real rules. */
  injected: boolean;
};

export type SimStats = {
  total: number;
  byStatus: Record<string, number>;
  byEndpoint: Record<string, number>;
  byLocation: Record<string, number>;
  /** All 429 responses (budget and injected). */
  rateLimited: number;
  /** 429s because a (token, resource) really went over its budget. */
  budgetExceeded: number;
  injected: { rateLimit: number; serverError: number; malformed: number };
  /** Requests being handled at once, at most. */
  maxConcurrent: number;
  /** The last requests, oldest first (bounded). */
  recent: RequestLogEntry[];
};

const RECENT_LIMIT = 2_000;

export class StatsCollector {
  private stats: SimStats = StatsCollector.empty();
  private inFlight = 0;

  static empty(): SimStats {
    return {
      total: 0,
      byStatus: {},
      byEndpoint: {},
      byLocation: {},
      rateLimited: 0,
      budgetExceeded: 0,
      injected: { rateLimit: 0, serverError: 0, malformed: 0 },
      maxConcurrent: 0,
      recent: [],
    };
  }

  begin(): void {
    this.inFlight++;
    if (this.inFlight > this.stats.maxConcurrent) this.stats.maxConcurrent = this.inFlight;
  }

  end(entry: RequestLogEntry, budgetExceeded: boolean): void {
    this.inFlight--;
    const s = this.stats;
    s.total++;
    s.byStatus[entry.status] = (s.byStatus[entry.status] ?? 0) + 1;
    s.byEndpoint[entry.endpoint] = (s.byEndpoint[entry.endpoint] ?? 0) + 1;
    if (entry.locationId)
      s.byLocation[entry.locationId] = (s.byLocation[entry.locationId] ?? 0) + 1;
    if (entry.status === 429) s.rateLimited++;
    if (budgetExceeded) s.budgetExceeded++;
    if (entry.injected && entry.status === 429) s.injected.rateLimit++;
    if (entry.injected && entry.status >= 500) s.injected.serverError++;
    s.recent.push(entry);
    if (s.recent.length > RECENT_LIMIT) s.recent.splice(0, s.recent.length - RECENT_LIMIT);
  }

  malformedServed(count: number): void {
    this.stats.injected.malformed += count;
  }

  snapshot(): SimStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    const maxConcurrent = this.inFlight;
    this.stats = StatsCollector.empty();
    this.stats.maxConcurrent = maxConcurrent;
  }
}

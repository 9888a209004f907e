-- The agency's daily series (lib/metrics/get-daily-series.ts) is agency_daily_rollups less the
-- rollups of the locations the series leaves out (archived, not allowed, or unable to read an
-- entity), read per left-out location and day. Through the primary key that is one heap page per
-- row (a location's days are written on different days, so they lie far apart): 365 days of 20
-- left-out locations touched ~22,000 pages, most of the series' time. This index holds every
-- column that subtraction reads, in (location, day) order, so it is an index-only scan of a few
-- pages per location (docs/metrics.md, "Stored for speed").
CREATE INDEX "daily_rollups_series_idx" ON "daily_rollups" ("location_id", "day", "currency")
  INCLUDE ("new_contacts", "opportunities_created", "opportunities_won", "opportunities_lost",
           "payments_count", "payments_gross", "payments_refunded");

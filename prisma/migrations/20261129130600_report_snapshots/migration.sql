-- Stored shapes that keep the reports fast at agency scale (docs/metrics.md, "Stored for speed").
-- Each is a sum of rows the sync already writes, kept by statement-level triggers in the same
-- transaction as those rows, so no write path can leave them behind: the report reads them
-- instead of scanning millions of facts, and every figure stays the same sum.

-- CreateTable
CREATE TABLE "location_snapshots" (
    "location_id" TEXT NOT NULL,
    "open_opportunities" INTEGER NOT NULL DEFAULT 0,
    "open_pipeline_value" DECIMAL(24,2) NOT NULL DEFAULT 0,
    "active_subscriptions" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "location_snapshots_pkey" PRIMARY KEY ("location_id")
);

-- CreateTable
CREATE TABLE "monthly_rollups" (
    "location_id" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "new_contacts" INTEGER NOT NULL DEFAULT 0,
    "opportunities_created" INTEGER NOT NULL DEFAULT 0,
    "opportunities_won" INTEGER NOT NULL DEFAULT 0,
    "opportunities_lost" INTEGER NOT NULL DEFAULT 0,
    "won_value" DECIMAL(24,2) NOT NULL DEFAULT 0,
    "payments_count" INTEGER NOT NULL DEFAULT 0,
    "payments_gross" DECIMAL(24,4) NOT NULL DEFAULT 0,
    "payments_refunded" DECIMAL(24,4) NOT NULL DEFAULT 0,

    CONSTRAINT "monthly_rollups_pkey" PRIMARY KEY ("location_id","month","currency")
);

-- CreateTable
CREATE TABLE "agency_daily_rollups" (
    "day" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "new_contacts" INTEGER NOT NULL DEFAULT 0,
    "opportunities_created" INTEGER NOT NULL DEFAULT 0,
    "opportunities_won" INTEGER NOT NULL DEFAULT 0,
    "opportunities_lost" INTEGER NOT NULL DEFAULT 0,
    "won_value" DECIMAL(24,2) NOT NULL DEFAULT 0,
    "payments_count" INTEGER NOT NULL DEFAULT 0,
    "payments_gross" DECIMAL(24,4) NOT NULL DEFAULT 0,
    "payments_refunded" DECIMAL(24,4) NOT NULL DEFAULT 0,

    CONSTRAINT "agency_daily_rollups_pkey" PRIMARY KEY ("day","currency")
);

-- CreateIndex
CREATE INDEX "daily_rollups_day_idx" ON "daily_rollups"("day");

-- CreateIndex
CREATE INDEX "monthly_rollups_month_idx" ON "monthly_rollups"("month");

-- The rows a statement changed, as (row, sign): +1 for rows written, -1 for rows replaced or
-- removed. A trigger function sees only the transition tables its event has, hence the text.
CREATE FUNCTION "report_snapshots_changed_rows"(op text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN 'SELECT n.*, 1 AS sign FROM new_rows n'
    WHEN 'DELETE' THEN 'SELECT o.*, -1 AS sign FROM old_rows o'
    ELSE 'SELECT n.*, 1 AS sign FROM new_rows n UNION ALL SELECT o.*, -1 FROM old_rows o'
  END
$$;

-- Open opportunities per location: +1 / +value for each row that is written open, -1 / -value
-- for each open row replaced or removed (closed, changed, deleted).
CREATE FUNCTION "opportunities_snapshot_delta"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    WITH changed AS (%s)
    INSERT INTO location_snapshots AS s (location_id, open_opportunities, open_pipeline_value)
    SELECT location_id, sum(sign), sum(sign * coalesce(monetary_value, 0)) FROM changed
    WHERE status = 'open'
    GROUP BY location_id HAVING sum(sign) <> 0 OR sum(sign * coalesce(monetary_value, 0)) <> 0
    ORDER BY location_id
    ON CONFLICT (location_id) DO UPDATE SET
      open_opportunities = s.open_opportunities + excluded.open_opportunities,
      open_pipeline_value = s.open_pipeline_value + excluded.open_pipeline_value
  $q$, report_snapshots_changed_rows(TG_OP));
  RETURN NULL;
END $$;

-- Active live subscriptions per location, the same way.
CREATE FUNCTION "subscriptions_snapshot_delta"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    WITH changed AS (%s)
    INSERT INTO location_snapshots AS s (location_id, active_subscriptions)
    SELECT location_id, sum(sign) FROM changed
    WHERE live_mode AND status = 'active'
    GROUP BY location_id HAVING sum(sign) <> 0
    ORDER BY location_id
    ON CONFLICT (location_id) DO UPDATE SET
      active_subscriptions = s.active_subscriptions + excluded.active_subscriptions
  $q$, report_snapshots_changed_rows(TG_OP));
  RETURN NULL;
END $$;

-- daily_rollups changes added into monthly_rollups (per location and month) and
-- agency_daily_rollups (all locations, per day). Recomputes of different locations write the
-- same agency rows: one transaction at a time, so their row locks can never deadlock.
CREATE FUNCTION "daily_rollups_delta"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1915220002);
  EXECUTE format($q$
    WITH changed AS (%s),
    monthly AS (
      INSERT INTO monthly_rollups AS m (location_id, month, currency, new_contacts,
        opportunities_created, opportunities_won, opportunities_lost, won_value, payments_count,
        payments_gross, payments_refunded)
      SELECT location_id, date_trunc('month', day)::date, currency, sum(sign * new_contacts),
             sum(sign * opportunities_created), sum(sign * opportunities_won),
             sum(sign * opportunities_lost), sum(sign * won_value), sum(sign * payments_count),
             sum(sign * payments_gross), sum(sign * payments_refunded)
      FROM changed
      GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3
      ON CONFLICT (location_id, month, currency) DO UPDATE SET
        new_contacts = m.new_contacts + excluded.new_contacts,
        opportunities_created = m.opportunities_created + excluded.opportunities_created,
        opportunities_won = m.opportunities_won + excluded.opportunities_won,
        opportunities_lost = m.opportunities_lost + excluded.opportunities_lost,
        won_value = m.won_value + excluded.won_value,
        payments_count = m.payments_count + excluded.payments_count,
        payments_gross = m.payments_gross + excluded.payments_gross,
        payments_refunded = m.payments_refunded + excluded.payments_refunded
    )
    INSERT INTO agency_daily_rollups AS a (day, currency, new_contacts, opportunities_created,
      opportunities_won, opportunities_lost, won_value, payments_count, payments_gross,
      payments_refunded)
    SELECT day, currency, sum(sign * new_contacts), sum(sign * opportunities_created),
           sum(sign * opportunities_won), sum(sign * opportunities_lost), sum(sign * won_value),
           sum(sign * payments_count), sum(sign * payments_gross), sum(sign * payments_refunded)
    FROM changed
    GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT (day, currency) DO UPDATE SET
      new_contacts = a.new_contacts + excluded.new_contacts,
      opportunities_created = a.opportunities_created + excluded.opportunities_created,
      opportunities_won = a.opportunities_won + excluded.opportunities_won,
      opportunities_lost = a.opportunities_lost + excluded.opportunities_lost,
      won_value = a.won_value + excluded.won_value,
      payments_count = a.payments_count + excluded.payments_count,
      payments_gross = a.payments_gross + excluded.payments_gross,
      payments_refunded = a.payments_refunded + excluded.payments_refunded
  $q$, report_snapshots_changed_rows(TG_OP));
  RETURN NULL;
END $$;

-- TRUNCATE empties a fact table: what was derived from it goes with it.
CREATE FUNCTION "report_snapshots_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'opportunities' THEN
    UPDATE location_snapshots SET open_opportunities = 0, open_pipeline_value = 0;
  ELSIF TG_TABLE_NAME = 'subscriptions' THEN
    UPDATE location_snapshots SET active_subscriptions = 0;
  ELSE
    TRUNCATE monthly_rollups, agency_daily_rollups;
  END IF;
  RETURN NULL;
END $$;

-- A trigger with transition tables fires on one event only: three per table.
CREATE TRIGGER "opportunities_snapshot_insert" AFTER INSERT ON "opportunities"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION opportunities_snapshot_delta();
CREATE TRIGGER "opportunities_snapshot_update" AFTER UPDATE ON "opportunities"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION opportunities_snapshot_delta();
CREATE TRIGGER "opportunities_snapshot_delete" AFTER DELETE ON "opportunities"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION opportunities_snapshot_delta();
CREATE TRIGGER "opportunities_snapshot_truncate" AFTER TRUNCATE ON "opportunities"
  FOR EACH STATEMENT EXECUTE FUNCTION report_snapshots_truncated();

CREATE TRIGGER "subscriptions_snapshot_insert" AFTER INSERT ON "subscriptions"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION subscriptions_snapshot_delta();
CREATE TRIGGER "subscriptions_snapshot_update" AFTER UPDATE ON "subscriptions"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION subscriptions_snapshot_delta();
CREATE TRIGGER "subscriptions_snapshot_delete" AFTER DELETE ON "subscriptions"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION subscriptions_snapshot_delta();
CREATE TRIGGER "subscriptions_snapshot_truncate" AFTER TRUNCATE ON "subscriptions"
  FOR EACH STATEMENT EXECUTE FUNCTION report_snapshots_truncated();

CREATE TRIGGER "daily_rollups_delta_insert" AFTER INSERT ON "daily_rollups"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION daily_rollups_delta();
CREATE TRIGGER "daily_rollups_delta_update" AFTER UPDATE ON "daily_rollups"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION daily_rollups_delta();
CREATE TRIGGER "daily_rollups_delta_delete" AFTER DELETE ON "daily_rollups"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION daily_rollups_delta();
CREATE TRIGGER "daily_rollups_delta_truncate" AFTER TRUNCATE ON "daily_rollups"
  FOR EACH STATEMENT EXECUTE FUNCTION report_snapshots_truncated();

-- Backfill from what is stored today.
INSERT INTO location_snapshots (location_id, open_opportunities, open_pipeline_value)
SELECT location_id, count(*), coalesce(sum(monetary_value), 0)
FROM opportunities WHERE status = 'open' GROUP BY location_id;

INSERT INTO location_snapshots AS s (location_id, active_subscriptions)
SELECT location_id, count(*) FROM subscriptions
WHERE live_mode AND status = 'active' GROUP BY location_id
ON CONFLICT (location_id) DO UPDATE SET active_subscriptions = excluded.active_subscriptions;

INSERT INTO monthly_rollups (location_id, month, currency, new_contacts, opportunities_created,
  opportunities_won, opportunities_lost, won_value, payments_count, payments_gross,
  payments_refunded)
SELECT location_id, date_trunc('month', day)::date, currency, sum(new_contacts),
       sum(opportunities_created), sum(opportunities_won), sum(opportunities_lost), sum(won_value),
       sum(payments_count), sum(payments_gross), sum(payments_refunded)
FROM daily_rollups GROUP BY 1, 2, 3;

INSERT INTO agency_daily_rollups (day, currency, new_contacts, opportunities_created,
  opportunities_won, opportunities_lost, won_value, payments_count, payments_gross,
  payments_refunded)
SELECT day, currency, sum(new_contacts), sum(opportunities_created), sum(opportunities_won),
       sum(opportunities_lost), sum(won_value), sum(payments_count), sum(payments_gross),
       sum(payments_refunded)
FROM daily_rollups GROUP BY 1, 2;

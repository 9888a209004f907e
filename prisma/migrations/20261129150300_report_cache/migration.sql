-- Two things that make the overview fast on every load (docs/metrics.md, "Stored for speed" and
-- "Report cache").
--
-- 1. location_snapshots.total_contacts: every '' daily_rollups row's new_contacts summed per
-- location, kept by a trigger on daily_rollups like the other snapshots, so a total to date reads
-- the months after the period instead of every month before it.

-- AlterTable
ALTER TABLE "location_snapshots" ADD COLUMN "total_contacts" INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION "daily_rollups_contacts_total"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    WITH changed AS (%s)
    INSERT INTO location_snapshots AS s (location_id, total_contacts)
    SELECT location_id, sum(sign * new_contacts) FROM changed
    WHERE currency = ''
    GROUP BY location_id HAVING sum(sign * new_contacts) <> 0
    ORDER BY location_id
    ON CONFLICT (location_id) DO UPDATE SET total_contacts = s.total_contacts + excluded.total_contacts
  $q$, report_snapshots_changed_rows(TG_OP));
  RETURN NULL;
END $$;

CREATE FUNCTION "daily_rollups_contacts_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE location_snapshots SET total_contacts = 0 WHERE total_contacts <> 0;
  RETURN NULL;
END $$;

CREATE TRIGGER "daily_rollups_contacts_insert" AFTER INSERT ON "daily_rollups"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION daily_rollups_contacts_total();
CREATE TRIGGER "daily_rollups_contacts_update" AFTER UPDATE ON "daily_rollups"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION daily_rollups_contacts_total();
CREATE TRIGGER "daily_rollups_contacts_delete" AFTER DELETE ON "daily_rollups"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION daily_rollups_contacts_total();
CREATE TRIGGER "daily_rollups_contacts_truncate" AFTER TRUNCATE ON "daily_rollups"
  FOR EACH STATEMENT EXECUTE FUNCTION daily_rollups_contacts_truncated();

INSERT INTO location_snapshots AS s (location_id, total_contacts)
SELECT location_id, sum(new_contacts) FROM daily_rollups WHERE currency = '' GROUP BY location_id
ON CONFLICT (location_id) DO UPDATE SET total_contacts = excluded.total_contacts;

-- 2. What the report cache is keyed by (lib/metrics/report-cache.ts; docs/metrics.md, "Report
-- cache"): per location, the id of the last transaction that changed anything a report or the
-- daily series reads for it. Statement-level triggers on every table those statements read write
-- it in the same transaction as the change, so a commit that changes a report always changes the
-- key the cache reads (in the same snapshot as the report), and a stale result is never served.
-- Row '*' stands for every location (a TRUNCATE).

-- CreateTable
CREATE TABLE "report_data_versions" (
    "location_id" TEXT NOT NULL,
    "version" BIGINT NOT NULL,

    CONSTRAINT "report_data_versions_pkey" PRIMARY KEY ("location_id")
);

-- The changed rows' locations (column TG_ARGV[0]) get the current transaction's id: unique to
-- this transaction, so the key differs from every key read before it commits. In location order,
-- so two statements never wait on each other's rows in opposite orders; a row this transaction
-- already set is not written again.
CREATE FUNCTION "report_data_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    WITH changed AS (%s)
    INSERT INTO report_data_versions AS v (location_id, version)
    SELECT DISTINCT %I, pg_current_xact_id()::text::bigint FROM changed
    WHERE %I IS NOT NULL
    ORDER BY 1
    ON CONFLICT (location_id) DO UPDATE SET version = excluded.version
      WHERE v.version IS DISTINCT FROM excluded.version
  $q$, report_snapshots_changed_rows(TG_OP), TG_ARGV[0], TG_ARGV[0]);
  RETURN NULL;
END $$;

-- TRUNCATE: every location at once.
CREATE FUNCTION "report_data_version_bump_all"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_data_versions AS v (location_id, version)
  VALUES ('*', pg_current_xact_id()::text::bigint)
  ON CONFLICT (location_id) DO UPDATE SET version = excluded.version
    WHERE v.version IS DISTINCT FROM excluded.version;
  RETURN NULL;
END $$;

-- Every table the report and series statements read. monthly_rollups and agency_daily_rollups
-- change only through daily_rollups' trigger (its rows carry the location), location_snapshots
-- through opportunities' and subscriptions' (bumped where the snapshot itself changes).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('locations', 'id'), ('location_access', 'location_id'), ('sync_checkpoints', 'location_id'),
    ('daily_rollups', 'location_id'), ('monthly_rollups', 'location_id'),
    ('location_snapshots', 'location_id')) AS x(tab, col)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION report_data_version_bump(%L)',
      t.tab || '_version_insert', t.tab, t.col);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows
      NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_data_version_bump(%L)',
      t.tab || '_version_update', t.tab, t.col);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION report_data_version_bump(%L)',
      t.tab || '_version_delete', t.tab, t.col);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I
      FOR EACH STATEMENT EXECUTE FUNCTION report_data_version_bump_all()',
      t.tab || '_version_truncate', t.tab);
  END LOOP;
  -- Its rows have no location: written only by daily_rollups' trigger, bumped there.
  CREATE TRIGGER "agency_daily_rollups_version_truncate" AFTER TRUNCATE ON "agency_daily_rollups"
    FOR EACH STATEMENT EXECUTE FUNCTION report_data_version_bump_all();
END $$;

-- Every location, and every location id with rollups (the agency's daily series looks for the
-- locations it leaves out among these: lib/metrics/get-daily-series.ts).
INSERT INTO report_data_versions (location_id, version)
SELECT id, pg_current_xact_id()::text::bigint FROM locations
UNION SELECT DISTINCT location_id, pg_current_xact_id()::text::bigint FROM monthly_rollups
UNION SELECT '*', pg_current_xact_id()::text::bigint;

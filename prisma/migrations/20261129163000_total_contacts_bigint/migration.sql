-- location_snapshots.total_contacts is a running sum of daily_rollups.new_contacts (INTEGER per
-- day): one day at the column's maximum plus any other day overflowed it, and the trigger then
-- refused the rollup write itself. A total needs the wider type its parts' sum has (bigint).
ALTER TABLE "location_snapshots" ALTER COLUMN "total_contacts" TYPE BIGINT;

-- AlterTable
ALTER TABLE "locations" ADD COLUMN "currency" TEXT;

-- AlterTable
ALTER TABLE "users" ADD COLUMN "overview_columns" JSONB;

-- Backfill: the currency most of each location's payments are in (ties: A–Z), as the sync derives it.
UPDATE "locations" l SET "currency" = (
  SELECT r."currency" FROM "daily_rollups" r
  WHERE r."location_id" = l."id" AND r."currency" <> ''
  GROUP BY r."currency"
  HAVING sum(r."payments_count") > 0
  ORDER BY sum(r."payments_count") DESC, r."currency"
  LIMIT 1
);

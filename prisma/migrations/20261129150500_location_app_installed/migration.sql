-- Whether the GHL Marketplace app is installed on the location (GET /oauth/installedLocations at
-- the last discovery); NULL while no connection is stored or the answer is unknown.
ALTER TABLE "locations" ADD COLUMN "app_installed" BOOLEAN;

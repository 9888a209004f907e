-- CreateTable
CREATE TABLE "webhook_events" (
    "webhook_id" TEXT NOT NULL,
    "location_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "entity" TEXT,
    "record_id" TEXT,
    "event_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_events_pkey" PRIMARY KEY ("webhook_id")
);

-- CreateIndex
CREATE INDEX "webhook_events_location_id_received_at_idx" ON "webhook_events"("location_id", "received_at");

-- CreateIndex
CREATE INDEX "webhook_events_received_at_idx" ON "webhook_events"("received_at");

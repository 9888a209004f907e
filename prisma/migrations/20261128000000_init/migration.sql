-- CreateTable
CREATE TABLE "locations" (
    "id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archived_at" TIMESTAMPTZ(3),
    "last_synced_at" TIMESTAMPTZ(3),
    "last_full_sync_at" TIMESTAMPTZ(3),

    CONSTRAINT "locations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "location_access" (
    "location_id" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "message" TEXT,
    "trace_id" TEXT,
    "token_kind" TEXT,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "location_access_pkey" PRIMARY KEY ("location_id","entity")
);

-- CreateTable
CREATE TABLE "location_tokens" (
    "location_id" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "location_tokens_pkey" PRIMARY KEY ("location_id")
);

-- CreateTable
CREATE TABLE "contacts" (
    "location_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "date_added" TIMESTAMPTZ(3) NOT NULL,
    "date_updated" TIMESTAMPTZ(3),
    "source" TEXT,
    "type" TEXT,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contacts_pkey" PRIMARY KEY ("location_id","id")
);

-- CreateTable
CREATE TABLE "pipelines" (
    "location_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pipelines_pkey" PRIMARY KEY ("location_id","id")
);

-- CreateTable
CREATE TABLE "pipeline_stages" (
    "location_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "pipeline_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pipeline_stages_pkey" PRIMARY KEY ("location_id","id")
);

-- CreateTable
CREATE TABLE "opportunities" (
    "location_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "pipeline_id" TEXT NOT NULL,
    "stage_id" TEXT,
    "status" TEXT NOT NULL,
    "monetary_value" DECIMAL(18,2),
    "source" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3),
    "last_status_change_at" TIMESTAMPTZ(3),
    "seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "opportunities_pkey" PRIMARY KEY ("location_id","id")
);

-- CreateTable
CREATE TABLE "transactions" (
    "location_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "live_mode" BOOLEAN NOT NULL,
    "amount" DECIMAL(18,4) NOT NULL,
    "amount_refunded" DECIMAL(18,4) NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3),
    "entity_source_type" TEXT,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "transactions_pkey" PRIMARY KEY ("location_id","id")
);

-- CreateTable
CREATE TABLE "orders" (
    "location_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "live_mode" BOOLEAN NOT NULL,
    "amount" DECIMAL(18,4) NOT NULL,
    "currency" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3),
    "source_type" TEXT,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "orders_pkey" PRIMARY KEY ("location_id","id")
);

-- CreateTable
CREATE TABLE "subscriptions" (
    "location_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "live_mode" BOOLEAN NOT NULL,
    "amount" DECIMAL(18,4) NOT NULL,
    "currency" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3),
    "entity_source_type" TEXT,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("location_id","id")
);

-- CreateTable
CREATE TABLE "daily_rollups" (
    "location_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "currency" TEXT NOT NULL,
    "new_contacts" INTEGER NOT NULL DEFAULT 0,
    "opportunities_created" INTEGER NOT NULL DEFAULT 0,
    "opportunities_won" INTEGER NOT NULL DEFAULT 0,
    "opportunities_lost" INTEGER NOT NULL DEFAULT 0,
    "won_value" DECIMAL(18,2) NOT NULL DEFAULT 0,
    "payments_count" INTEGER NOT NULL DEFAULT 0,
    "payments_gross" DECIMAL(18,4) NOT NULL DEFAULT 0,
    "payments_refunded" DECIMAL(18,4) NOT NULL DEFAULT 0,

    CONSTRAINT "daily_rollups_pkey" PRIMARY KEY ("location_id","day","currency")
);

-- CreateTable
CREATE TABLE "sync_runs" (
    "id" UUID NOT NULL,
    "mode" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "locations_total" INTEGER NOT NULL DEFAULT 0,
    "locations_done" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_checkpoints" (
    "location_id" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "run_id" UUID,
    "mode" TEXT,
    "cursor" JSONB,
    "run_started_at" TIMESTAMPTZ(3),
    "watermark" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "last_full_at" TIMESTAMPTZ(3),
    "records_seen" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_checkpoints_pkey" PRIMARY KEY ("location_id","entity")
);

-- CreateTable
CREATE TABLE "api_call_log" (
    "token_fingerprint" TEXT NOT NULL,
    "location_id" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "total_ms" INTEGER NOT NULL DEFAULT 0,
    "min_remaining" INTEGER,
    "min_daily_remaining" INTEGER,

    CONSTRAINT "api_call_log_pkey" PRIMARY KEY ("token_fingerprint","location_id","endpoint","status","hour")
);

-- CreateIndex
CREATE INDEX "locations_company_id_idx" ON "locations"("company_id");

-- CreateIndex
CREATE INDEX "contacts_location_id_date_added_idx" ON "contacts"("location_id", "date_added");

-- CreateIndex
CREATE INDEX "pipeline_stages_location_id_pipeline_id_idx" ON "pipeline_stages"("location_id", "pipeline_id");

-- CreateIndex
CREATE INDEX "opportunities_location_id_created_at_idx" ON "opportunities"("location_id", "created_at");

-- CreateIndex
CREATE INDEX "opportunities_location_id_status_last_status_change_at_idx" ON "opportunities"("location_id", "status", "last_status_change_at");

-- CreateIndex
CREATE INDEX "transactions_location_id_created_at_idx" ON "transactions"("location_id", "created_at");

-- CreateIndex
CREATE INDEX "orders_location_id_created_at_idx" ON "orders"("location_id", "created_at");

-- CreateIndex
CREATE INDEX "subscriptions_location_id_status_idx" ON "subscriptions"("location_id", "status");

-- CreateIndex
CREATE INDEX "sync_runs_started_at_idx" ON "sync_runs"("started_at");

-- CreateIndex
CREATE INDEX "api_call_log_hour_idx" ON "api_call_log"("hour");

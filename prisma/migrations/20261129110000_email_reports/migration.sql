-- CreateTable
CREATE TABLE "report_schedules" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "report" TEXT NOT NULL,
    "coverage" TEXT NOT NULL,
    "location_ids" JSONB NOT NULL,
    "period" TEXT NOT NULL,
    "period_days" INTEGER,
    "comparison" TEXT NOT NULL,
    "cadence" TEXT NOT NULL,
    "weekday" INTEGER,
    "month_day" INTEGER,
    "send_time" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "recipients" JSONB NOT NULL,
    "attach_csv" BOOLEAN NOT NULL,
    "top_n" INTEGER NOT NULL,
    "top_by" TEXT NOT NULL,
    "freshness_mode" TEXT NOT NULL,
    "freshness_max_age_hours" INTEGER NOT NULL,
    "freshness_hold_hours" INTEGER NOT NULL,
    "missed_sends" TEXT NOT NULL,
    "catch_up_limit" INTEGER NOT NULL,
    "is_paused" BOOLEAN NOT NULL DEFAULT false,
    "next_send_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_schedules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "schedule_recipients" (
    "schedule_id" UUID NOT NULL,
    "location_id" TEXT NOT NULL,
    "recipients" JSONB NOT NULL,

    CONSTRAINT "schedule_recipients_pkey" PRIMARY KEY ("schedule_id","location_id")
);

-- CreateTable
CREATE TABLE "report_deliveries" (
    "id" UUID NOT NULL,
    "schedule_id" UUID NOT NULL,
    "period_from" DATE NOT NULL,
    "period_to" DATE NOT NULL,
    "location_key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "phase" TEXT,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "lease_expires_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "message_id" TEXT NOT NULL,
    "warning" TEXT,
    "subject" TEXT,
    "to_addresses" JSONB,
    "html" TEXT,
    "text" TEXT,
    "csv_filename" TEXT,
    "csv" TEXT,
    "chart_png" TEXT,
    "chart_alt" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_attempts" (
    "delivery_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "outcome" TEXT,
    "detail" TEXT,

    CONSTRAINT "delivery_attempts_pkey" PRIMARY KEY ("delivery_id","attempt")
);

-- CreateIndex
CREATE INDEX "report_schedules_is_paused_next_send_at_idx" ON "report_schedules"("is_paused", "next_send_at");

-- CreateIndex
CREATE UNIQUE INDEX "report_deliveries_once_key" ON "report_deliveries"("schedule_id", "period_from", "period_to", "location_key");

-- CreateIndex
CREATE INDEX "report_deliveries_status_next_attempt_at_idx" ON "report_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "report_deliveries_schedule_id_created_at_idx" ON "report_deliveries"("schedule_id", "created_at");

-- AddForeignKey: a schedule's recipients, deliveries and attempts go with it.
ALTER TABLE "schedule_recipients" ADD CONSTRAINT "schedule_recipients_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "report_schedules"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "report_deliveries" ADD CONSTRAINT "report_deliveries_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "report_schedules"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "report_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "sign_in_client_failures" (
    "client" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "window_started_at" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sign_in_client_failures_pkey" PRIMARY KEY ("client")
);

-- CreateIndex
CREATE INDEX "sign_in_client_failures_updated_at_idx" ON "sign_in_client_failures"("updated_at");

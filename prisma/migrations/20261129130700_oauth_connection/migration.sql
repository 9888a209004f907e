-- CreateTable
CREATE TABLE "oauth_connections" (
    "id" TEXT NOT NULL DEFAULT 'agency',
    "company_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "status_message" TEXT,
    "access_ciphertext" TEXT NOT NULL,
    "access_fingerprint" TEXT NOT NULL,
    "access_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "refresh_ciphertext" TEXT NOT NULL,
    "refresh_fingerprint" TEXT NOT NULL,
    "scope" TEXT,
    "connected_at" TIMESTAMPTZ(3) NOT NULL,
    "connected_by" TEXT,
    "refreshed_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "oauth_connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "oauth_states" (
    "state_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),

    CONSTRAINT "oauth_states_pkey" PRIMARY KEY ("state_hash")
);

-- CreateTable
CREATE TABLE "oauth_location_tokens" (
    "location_id" TEXT NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "obtained_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "oauth_location_tokens_pkey" PRIMARY KEY ("location_id")
);

-- CreateIndex
CREATE INDEX "oauth_states_expires_at_idx" ON "oauth_states"("expires_at");

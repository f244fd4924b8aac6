-- CreateEnum
CREATE TYPE "MenuCategory" AS ENUM ('COCKTAIL', 'BEER', 'SPIRIT', 'NON_ALCOHOLIC');

-- CreateEnum
CREATE TYPE "TabStatus" AS ENUM ('OPEN', 'PAYMENT_PENDING', 'PAID');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED', 'EXPIRED', 'CANCELED');

-- CreateEnum
CREATE TYPE "Speaker" AS ENUM ('CUSTOMER', 'MAYA');

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "customer_name" TEXT,
    "starting_balance_cents" INTEGER NOT NULL,
    "balance_cents" INTEGER NOT NULL,
    "dialogue_state" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "menu_items" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" "MenuCategory" NOT NULL,
    "price_cents" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "aliases" TEXT[],
    "modifiers" TEXT[],
    "serving_choices" TEXT[],
    "tags" TEXT[],
    "sort_order" INTEGER NOT NULL,

    CONSTRAINT "menu_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tabs" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "status" "TabStatus" NOT NULL DEFAULT 'OPEN',
    "tip_percent" INTEGER,
    "tip_fixed_cents" INTEGER,
    "subtotal_cents" INTEGER NOT NULL DEFAULT 0,
    "tip_cents" INTEGER NOT NULL DEFAULT 0,
    "total_cents" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paid_at" TIMESTAMPTZ(3),

    CONSTRAINT "tabs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tab_items" (
    "id" UUID NOT NULL,
    "tab_id" UUID NOT NULL,
    "menu_item_id" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "modifiers" TEXT[],
    "unit_price_cents" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tab_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_attempts" (
    "id" UUID NOT NULL,
    "tab_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'PENDING',
    "amount_cents" INTEGER NOT NULL,
    "tip_cents" INTEGER NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_ref" TEXT,
    "checkout_url" TEXT,
    "idempotency_key" TEXT NOT NULL,
    "failure_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settled_at" TIMESTAMPTZ(3),

    CONSTRAINT "payment_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" BIGSERIAL NOT NULL,
    "session_id" UUID NOT NULL,
    "speaker" "Speaker" NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tab_events" (
    "id" BIGSERIAL NOT NULL,
    "session_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tab_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_webhook_events" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions"("token_hash");

-- CreateIndex
CREATE INDEX "tabs_session_id_status_idx" ON "tabs"("session_id", "status");

-- CreateIndex
CREATE INDEX "tab_items_tab_id_idx" ON "tab_items"("tab_id");

-- CreateIndex
CREATE UNIQUE INDEX "payment_attempts_idempotency_key_key" ON "payment_attempts"("idempotency_key");

-- CreateIndex
CREATE INDEX "payment_attempts_session_id_created_at_idx" ON "payment_attempts"("session_id", "created_at");

-- CreateIndex
CREATE INDEX "payment_attempts_status_created_at_idx" ON "payment_attempts"("status", "created_at");

-- CreateIndex
CREATE INDEX "payment_attempts_provider_ref_idx" ON "payment_attempts"("provider_ref");

-- CreateIndex
CREATE INDEX "messages_session_id_id_idx" ON "messages"("session_id", "id");

-- CreateIndex
CREATE INDEX "tab_events_session_id_version_idx" ON "tab_events"("session_id", "version");

-- AddForeignKey
ALTER TABLE "tabs" ADD CONSTRAINT "tabs_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tab_items" ADD CONSTRAINT "tab_items_tab_id_fkey" FOREIGN KEY ("tab_id") REFERENCES "tabs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tab_items" ADD CONSTRAINT "tab_items_menu_item_id_fkey" FOREIGN KEY ("menu_item_id") REFERENCES "menu_items"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_tab_id_fkey" FOREIGN KEY ("tab_id") REFERENCES "tabs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tab_events" ADD CONSTRAINT "tab_events_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Invariants the database enforces itself (Prisma's schema cannot express them).

-- Money is never negative, and a tab's total is always subtotal + tip.
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_balance_non_negative" CHECK ("balance_cents" >= 0);
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_starting_balance_non_negative" CHECK ("starting_balance_cents" >= 0);
ALTER TABLE "menu_items" ADD CONSTRAINT "menu_items_price_non_negative" CHECK ("price_cents" >= 0);
ALTER TABLE "tabs" ADD CONSTRAINT "tabs_money_non_negative" CHECK ("subtotal_cents" >= 0 AND "tip_cents" >= 0 AND "total_cents" >= 0);
ALTER TABLE "tabs" ADD CONSTRAINT "tabs_total_is_subtotal_plus_tip" CHECK ("total_cents" = "subtotal_cents" + "tip_cents");
ALTER TABLE "tabs" ADD CONSTRAINT "tabs_tip_percent_range" CHECK ("tip_percent" IS NULL OR "tip_percent" BETWEEN 0 AND 100);
ALTER TABLE "tabs" ADD CONSTRAINT "tabs_tip_fixed_non_negative" CHECK ("tip_fixed_cents" IS NULL OR "tip_fixed_cents" >= 0);
ALTER TABLE "tabs" ADD CONSTRAINT "tabs_one_kind_of_tip" CHECK ("tip_percent" IS NULL OR "tip_fixed_cents" IS NULL);
ALTER TABLE "tabs" ADD CONSTRAINT "tabs_version_positive" CHECK ("version" > 0);
ALTER TABLE "tab_items" ADD CONSTRAINT "tab_items_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "tab_items" ADD CONSTRAINT "tab_items_unit_price_non_negative" CHECK ("unit_price_cents" >= 0);
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_amount_positive" CHECK ("amount_cents" > 0);
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_tip_non_negative" CHECK ("tip_cents" >= 0 AND "tip_cents" <= "amount_cents");

-- At most one open-or-pending tab per session.
CREATE UNIQUE INDEX "tabs_one_current_per_session" ON "tabs" ("session_id") WHERE "status" IN ('OPEN', 'PAYMENT_PENDING');

-- At most one pending payment attempt per tab: a retry, a double click or a
-- second app instance can never start a second charge.
CREATE UNIQUE INDEX "payment_attempts_one_pending_per_tab" ON "payment_attempts" ("tab_id") WHERE "status" = 'PENDING';

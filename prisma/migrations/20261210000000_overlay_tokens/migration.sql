-- CreateTable
CREATE TABLE "overlay_tokens" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "overlay_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "overlay_tokens_token_hash_key" ON "overlay_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "overlay_tokens_session_id_idx" ON "overlay_tokens"("session_id");

-- AddForeignKey
ALTER TABLE "overlay_tokens" ADD CONSTRAINT "overlay_tokens_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

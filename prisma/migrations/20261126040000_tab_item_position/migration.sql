-- AlterTable
ALTER TABLE "tab_items" ADD COLUMN     "position" BIGSERIAL NOT NULL;

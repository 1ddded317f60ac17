-- AlterTable
ALTER TABLE "Incident" DROP COLUMN "nextFollowUpDueAt";

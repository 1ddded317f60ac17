-- AlterTable
ALTER TABLE "NoticeRow" ADD COLUMN     "quotaMinimum" INTEGER,
ALTER COLUMN "quotaMet" DROP NOT NULL;

-- AlterTable
ALTER TABLE "MonthlyNotice" ADD COLUMN     "quotaNote" TEXT;

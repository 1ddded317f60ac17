-- DropIndex
DROP INDEX "QuotaRule_unitKind_period_key";

-- AlterTable
ALTER TABLE "QuotaRule" ADD COLUMN     "effectiveFrom" TEXT NOT NULL DEFAULT '2011-03';

-- CreateIndex
CREATE UNIQUE INDEX "QuotaRule_unitKind_period_effectiveFrom_key" ON "QuotaRule"("unitKind", "period", "effectiveFrom");

-- AlterTable
ALTER TABLE "IncidentReport" ADD COLUMN "idempotencyKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "IncidentReport_idempotencyKey_key" ON "IncidentReport"("idempotencyKey");

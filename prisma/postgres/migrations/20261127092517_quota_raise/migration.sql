-- CreateTable
CREATE TABLE "QuotaRaise" (
    "id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "unitKind" "UnitKind" NOT NULL,
    "minimum" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "setById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuotaRaise_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QuotaRaise_period_unitKind_key" ON "QuotaRaise"("period", "unitKind");

-- AddForeignKey
ALTER TABLE "QuotaRaise" ADD CONSTRAINT "QuotaRaise_setById_fkey" FOREIGN KEY ("setById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

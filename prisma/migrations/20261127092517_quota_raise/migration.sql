-- CreateTable
CREATE TABLE "QuotaRaise" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "period" TEXT NOT NULL,
    "unitKind" TEXT NOT NULL,
    "minimum" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "setById" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "QuotaRaise_setById_fkey" FOREIGN KEY ("setById") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "QuotaRaise_period_unitKind_key" ON "QuotaRaise"("period", "unitKind");

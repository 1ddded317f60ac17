-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_QuotaRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitKind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "minimum" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "effectiveFrom" TEXT NOT NULL DEFAULT '2011-03'
);
INSERT INTO "new_QuotaRule" ("active", "id", "minimum", "period", "unitKind") SELECT "active", "id", "minimum", "period", "unitKind" FROM "QuotaRule";
DROP TABLE "QuotaRule";
ALTER TABLE "new_QuotaRule" RENAME TO "QuotaRule";
CREATE UNIQUE INDEX "QuotaRule_unitKind_period_effectiveFrom_key" ON "QuotaRule"("unitKind", "period", "effectiveFrom");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

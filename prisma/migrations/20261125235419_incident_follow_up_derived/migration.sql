-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "casualties" TEXT NOT NULL,
    "losses" TEXT NOT NULL,
    "measures" TEXT NOT NULL,
    "reporterName" TEXT NOT NULL,
    "reporterPhone" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "reportedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reportedById" TEXT NOT NULL,
    "enteredById" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'REPORTED',
    "acknowledgedAt" DATETIME,
    "acknowledgedById" TEXT,
    "firstCountyReportAt" DATETIME,
    "closedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Incident_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Incident_reportedById_fkey" FOREIGN KEY ("reportedById") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Incident_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Incident" ("acknowledgedAt", "acknowledgedById", "casualties", "closedAt", "description", "enteredById", "firstCountyReportAt", "id", "kind", "location", "losses", "measures", "occurredAt", "reportedAt", "reportedById", "reporterName", "reporterPhone", "severity", "status", "title", "unitId", "updatedAt") SELECT "acknowledgedAt", "acknowledgedById", "casualties", "closedAt", "description", "enteredById", "firstCountyReportAt", "id", "kind", "location", "losses", "measures", "occurredAt", "reportedAt", "reportedById", "reporterName", "reporterPhone", "severity", "status", "title", "unitId", "updatedAt" FROM "Incident";
DROP TABLE "Incident";
ALTER TABLE "new_Incident" RENAME TO "Incident";
CREATE INDEX "Incident_status_idx" ON "Incident"("status");
CREATE INDEX "Incident_occurredAt_idx" ON "Incident"("occurredAt");
CREATE INDEX "Incident_unitId_occurredAt_idx" ON "Incident"("unitId", "occurredAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

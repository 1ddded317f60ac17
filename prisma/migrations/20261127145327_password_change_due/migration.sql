-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "phone" TEXT,
    "title" TEXT,
    "passwordHash" TEXT,
    "passwordChangeDue" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "unitId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Person_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Person" ("account", "active", "createdAt", "id", "name", "passwordHash", "phone", "title", "unitId") SELECT "account", "active", "createdAt", "id", "name", "passwordHash", "phone", "title", "unitId" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE UNIQUE INDEX "Person_account_key" ON "Person"("account");
CREATE UNIQUE INDEX "Person_phone_key" ON "Person"("phone");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateTable
CREATE TABLE "ItemMonthStat" (
    "month" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("month", "unitId", "status")
);

-- Backfill from the items already stored (month in China Standard Time, UTC+8).
INSERT INTO "ItemMonthStat" ("month", "unitId", "status", "count")
SELECT strftime('%Y-%m', "submittedAt" / 1000 + 28800, 'unixepoch'), "unitId", "status", count(*)
FROM "Item" GROUP BY 1, 2, 3;

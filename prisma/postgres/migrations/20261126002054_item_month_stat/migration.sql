-- CreateTable
CREATE TABLE "ItemMonthStat" (
    "month" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "status" "ItemStatus" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ItemMonthStat_pkey" PRIMARY KEY ("month","unitId","status")
);

-- Backfill from the items already stored (month in China Standard Time, UTC+8).
INSERT INTO "ItemMonthStat" ("month", "unitId", "status", "count")
SELECT to_char("submittedAt" + interval '8 hours', 'YYYY-MM'), "unitId", "status", count(*)
FROM "Item" GROUP BY 1, 2, 3;

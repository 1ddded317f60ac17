-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_NoticeRow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "noticeId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitName" TEXT NOT NULL,
    "unitKind" TEXT NOT NULL,
    "submitted" INTEGER NOT NULL,
    "adopted" INTEGER NOT NULL,
    "quotaMinimum" INTEGER,
    "quotaMet" BOOLEAN,
    "sortOrder" INTEGER NOT NULL,
    CONSTRAINT "NoticeRow_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "MonthlyNotice" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_NoticeRow" ("adopted", "id", "noticeId", "quotaMet", "sortOrder", "submitted", "unitId", "unitKind", "unitName") SELECT "adopted", "id", "noticeId", "quotaMet", "sortOrder", "submitted", "unitId", "unitKind", "unitName" FROM "NoticeRow";
DROP TABLE "NoticeRow";
ALTER TABLE "new_NoticeRow" RENAME TO "NoticeRow";
CREATE INDEX "NoticeRow_noticeId_idx" ON "NoticeRow"("noticeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

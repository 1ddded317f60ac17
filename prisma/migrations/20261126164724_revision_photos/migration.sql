-- CreateTable
CREATE TABLE "RevisionPhoto" (
    "revisionId" TEXT NOT NULL,
    "attachmentId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("revisionId", "attachmentId"),
    CONSTRAINT "RevisionPhoto_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "ItemRevision" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RevisionPhoto_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "Attachment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RevisionPhoto_attachmentId_idx" ON "RevisionPhoto"("attachmentId");

-- Backfill: each item's current version was sent with the photos the item has now.
-- (Earlier versions of items revised before this migration keep no photo list: the
-- audit entry of each revision still names the photos it took off.)
INSERT INTO "RevisionPhoto" ("revisionId", "attachmentId", "position")
SELECT r."id", a."id", ROW_NUMBER() OVER (PARTITION BY a."itemId" ORDER BY a."createdAt", a."id") - 1
FROM "Attachment" a
JOIN "Item" i ON i."id" = a."itemId"
JOIN "ItemRevision" r ON r."itemId" = i."id" AND r."version" = i."version";

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('OFFICE', 'DEPARTMENT', 'COMMUNITY', 'VILLAGE');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('INFORMANT', 'OFFICE', 'LEADER', 'MAIN_LEADER', 'DUTY', 'ADMIN');

-- CreateEnum
CREATE TYPE "SessionKind" AS ENUM ('USER', 'DISPLAY');

-- CreateEnum
CREATE TYPE "ItemCategory" AS ENUM ('WORK_PROGRESS', 'LEADER_ACTIVITY', 'MEETING', 'EMERGENCY', 'ECONOMY', 'PRACTICE', 'RESEARCH');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('PHONE', 'WRITTEN', 'INTERVIEW');

-- CreateEnum
CREATE TYPE "ItemStatus" AS ENUM ('SUBMITTED', 'ADOPTED', 'NOT_ADOPTED', 'RETURNED');

-- CreateEnum
CREATE TYPE "AdoptionLevel" AS ENUM ('WEBSITE', 'BULLETIN', 'COUNTY', 'CITY', 'PROVINCE');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('ADOPT', 'NOT_ADOPT', 'RETURN');

-- CreateEnum
CREATE TYPE "IncidentKind" AS ENUM ('NATURAL_DISASTER', 'WORK_INJURY', 'PUBLIC_SECURITY', 'SUDDEN_EVENT');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('GENERAL', 'LARGE', 'MAJOR', 'EXTRAORDINARY');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('REPORTED', 'ACKNOWLEDGED', 'AWAITING_APPROVAL', 'APPROVED', 'REPORTED_TO_COUNTY', 'CLOSED');

-- CreateEnum
CREATE TYPE "ReportDirection" AS ENUM ('UNIT_TO_OFFICE', 'OFFICE_TO_COUNTY');

-- CreateEnum
CREATE TYPE "ReportKind" AS ENUM ('INITIAL', 'UPDATE', 'FOLLOW_UP', 'FINAL');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "PeriodKind" AS ENUM ('MONTH', 'QUARTER');

-- CreateEnum
CREATE TYPE "NoticeStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "UnitKind" NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "leaderInChargeId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "phone" TEXT,
    "title" TEXT,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "unitId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonRole" (
    "personId" TEXT NOT NULL,
    "role" "Role" NOT NULL,

    CONSTRAINT "PersonRole_pkey" PRIMARY KEY ("personId","role")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "kind" "SessionKind" NOT NULL DEFAULT 'USER',
    "tokenHash" TEXT NOT NULL,
    "label" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "lastSeenAt" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Item" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "category" "ItemCategory" NOT NULL,
    "channel" "Channel" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "meetingSummary" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "authorId" TEXT NOT NULL,
    "enteredById" TEXT NOT NULL,
    "status" "ItemStatus" NOT NULL DEFAULT 'SUBMITTED',
    "version" INTEGER NOT NULL DEFAULT 1,
    "adoptionLevel" "AdoptionLevel",
    "reviewedAt" TIMESTAMP(3),
    "idempotencyKey" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItemRevision" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "category" "ItemCategory" NOT NULL,
    "channel" "Channel" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "meetingSummary" TEXT,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "editedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ItemRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "itemId" TEXT,
    "storedName" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "itemVersion" INTEGER NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "level" "AdoptionLevel",
    "comment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "kind" "IncidentKind" NOT NULL,
    "severity" "Severity" NOT NULL,
    "title" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "casualties" TEXT NOT NULL,
    "losses" TEXT NOT NULL,
    "measures" TEXT NOT NULL,
    "reporterName" TEXT NOT NULL,
    "reporterPhone" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "reportedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reportedById" TEXT NOT NULL,
    "enteredById" TEXT NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'REPORTED',
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "firstCountyReportAt" TIMESTAMP(3),
    "nextFollowUpDueAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentReport" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "direction" "ReportDirection" NOT NULL,
    "kind" "ReportKind" NOT NULL,
    "number" INTEGER NOT NULL,
    "progress" TEXT,
    "measures" TEXT,
    "causes" TEXT,
    "consequences" TEXT,
    "workDone" TEXT,
    "results" TEXT,
    "method" TEXT,
    "byMainLeaderPersonally" BOOLEAN NOT NULL DEFAULT false,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentById" TEXT NOT NULL,

    CONSTRAINT "IncidentReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentApproval" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestedById" TEXT NOT NULL,
    "approverId" TEXT,
    "decision" "ApprovalDecision" NOT NULL DEFAULT 'PENDING',
    "decidedAt" TIMESTAMP(3),
    "comment" TEXT,

    CONSTRAINT "IncidentApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentLeaderNotice" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "leaderId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "notifiedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentLeaderNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadlineCrossing" (
    "incidentId" TEXT NOT NULL,
    "line" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeadlineCrossing_pkey" PRIMARY KEY ("incidentId","line")
);

-- CreateTable
CREATE TABLE "QuotaRule" (
    "id" TEXT NOT NULL,
    "unitKind" "UnitKind" NOT NULL,
    "period" "PeriodKind" NOT NULL,
    "minimum" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "QuotaRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "sentById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonthlyNotice" (
    "id" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "status" "NoticeStatus" NOT NULL DEFAULT 'DRAFT',
    "note" TEXT,
    "generatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),
    "publishedById" TEXT,

    CONSTRAINT "MonthlyNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeRow" (
    "id" TEXT NOT NULL,
    "noticeId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitName" TEXT NOT NULL,
    "unitKind" "UnitKind" NOT NULL,
    "submitted" INTEGER NOT NULL,
    "adopted" INTEGER NOT NULL,
    "quotaMet" BOOLEAN NOT NULL,
    "sortOrder" INTEGER NOT NULL,

    CONSTRAINT "NoticeRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorRoles" TEXT,
    "address" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT,
    "entityId" TEXT,
    "before" TEXT,
    "after" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "unitId" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "EventCounter" (
    "id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,

    CONSTRAINT "EventCounter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");

-- CreateIndex
CREATE INDEX "Unit_kind_idx" ON "Unit"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "Person_account_key" ON "Person"("account");

-- CreateIndex
CREATE UNIQUE INDEX "Person_phone_key" ON "Person"("phone");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_personId_idx" ON "Session"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Item_idempotencyKey_key" ON "Item"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Item_submittedAt_idx" ON "Item"("submittedAt");

-- CreateIndex
CREATE INDEX "Item_unitId_submittedAt_idx" ON "Item"("unitId", "submittedAt");

-- CreateIndex
CREATE INDEX "Item_status_submittedAt_idx" ON "Item"("status", "submittedAt");

-- CreateIndex
CREATE INDEX "Item_authorId_submittedAt_idx" ON "Item"("authorId", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ItemRevision_itemId_version_key" ON "ItemRevision"("itemId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_storedName_key" ON "Attachment"("storedName");

-- CreateIndex
CREATE INDEX "Attachment_itemId_idx" ON "Attachment"("itemId");

-- CreateIndex
CREATE INDEX "Review_itemId_idx" ON "Review"("itemId");

-- CreateIndex
CREATE INDEX "Incident_status_idx" ON "Incident"("status");

-- CreateIndex
CREATE INDEX "Incident_occurredAt_idx" ON "Incident"("occurredAt");

-- CreateIndex
CREATE INDEX "Incident_unitId_occurredAt_idx" ON "Incident"("unitId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentReport_incidentId_direction_number_key" ON "IncidentReport"("incidentId", "direction", "number");

-- CreateIndex
CREATE INDEX "IncidentApproval_incidentId_idx" ON "IncidentApproval"("incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "QuotaRule_unitKind_period_key" ON "QuotaRule"("unitKind", "period");

-- CreateIndex
CREATE UNIQUE INDEX "MonthlyNotice_month_revision_key" ON "MonthlyNotice"("month", "revision");

-- CreateIndex
CREATE INDEX "NoticeRow_noticeId_idx" ON "NoticeRow"("noticeId");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "AuditEntry_entityType_entityId_idx" ON "AuditEntry"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "Event_at_idx" ON "Event"("at");

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_leaderInChargeId_fkey" FOREIGN KEY ("leaderInChargeId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonRole" ADD CONSTRAINT "PersonRole_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemRevision" ADD CONSTRAINT "ItemRevision_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemRevision" ADD CONSTRAINT "ItemRevision_editedById_fkey" FOREIGN KEY ("editedById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_reportedById_fkey" FOREIGN KEY ("reportedById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentReport" ADD CONSTRAINT "IncidentReport_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentReport" ADD CONSTRAINT "IncidentReport_sentById_fkey" FOREIGN KEY ("sentById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentApproval" ADD CONSTRAINT "IncidentApproval_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentApproval" ADD CONSTRAINT "IncidentApproval_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentApproval" ADD CONSTRAINT "IncidentApproval_approverId_fkey" FOREIGN KEY ("approverId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentLeaderNotice" ADD CONSTRAINT "IncidentLeaderNotice_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentLeaderNotice" ADD CONSTRAINT "IncidentLeaderNotice_leaderId_fkey" FOREIGN KEY ("leaderId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineCrossing" ADD CONSTRAINT "DeadlineCrossing_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_sentById_fkey" FOREIGN KEY ("sentById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonthlyNotice" ADD CONSTRAINT "MonthlyNotice_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeRow" ADD CONSTRAINT "NoticeRow_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "MonthlyNotice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

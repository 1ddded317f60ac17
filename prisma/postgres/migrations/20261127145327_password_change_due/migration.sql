-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "passwordChangeDue" BOOLEAN NOT NULL DEFAULT false;

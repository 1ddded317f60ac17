import { createHash } from 'node:crypto';
import type { Tx } from '../../db.js';

export interface AuditDraft {
  actorId?: string | null;
  actorRoles?: string | null;
  address?: string | null;
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

const GENESIS = '0'.repeat(64);

/** The hash that chains an audit row to its predecessor (what `verify` recomputes). */
export function auditHash(prevHash: string, row: Record<string, unknown>): string {
  const canonical = JSON.stringify([
    prevHash,
    row.at instanceof Date ? row.at.toISOString() : row.at,
    row.actorId ?? null,
    row.actorRoles ?? null,
    row.address ?? null,
    row.action,
    row.entityType ?? null,
    row.entityId ?? null,
    row.before ?? null,
    row.after ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends audit rows inside the caller's transaction. Callers hold the event
 * counter lock (writeWithEvents takes it), so the chain never forks under
 * concurrent writers.
 */
export async function appendAudit(tx: Tx, drafts: AuditDraft[], at = new Date()): Promise<void> {
  if (drafts.length === 0) return;
  const last = await tx.auditEntry.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } });
  let prevHash = last?.hash ?? GENESIS;
  for (const d of drafts) {
    const row = {
      at,
      actorId: d.actorId ?? null,
      actorRoles: d.actorRoles ?? null,
      address: d.address ?? null,
      action: d.action,
      entityType: d.entityType ?? null,
      entityId: d.entityId ?? null,
      before: d.before === undefined ? null : JSON.stringify(d.before),
      after: d.after === undefined ? null : JSON.stringify(d.after),
    };
    const hash = auditHash(prevHash, row);
    await tx.auditEntry.create({ data: { ...row, prevHash, hash } });
    prevHash = hash;
  }
}

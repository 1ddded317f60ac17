import type { AuditAction } from './actions.js';
import { createHash } from 'node:crypto';
import { db, type Tx } from '../../db.js';

export interface AuditDraft {
  actorId?: string | null;
  actorRoles?: string | null;
  address?: string | null;
  action: AuditAction;
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

/**
 * Recomputes the chain from the first row: an edited row fails its own hash, a
 * deleted or reordered row breaks the link to its predecessor.
 */
export async function verifyAuditChain(): Promise<{ ok: boolean; checked: number; brokenAt: number | null; reason: string | null }> {
  let prev = GENESIS;
  let checked = 0;
  let lastId = 0;
  for (;;) {
    const rows = await db().auditEntry.findMany({ where: { id: { gt: lastId } }, orderBy: { id: 'asc' }, take: 1000 });
    if (rows.length === 0) return { ok: true, checked, brokenAt: null, reason: null };
    for (const r of rows) {
      if (r.prevHash !== prev) return { ok: false, checked, brokenAt: r.id, reason: '与上一条记录的链接断开（记录被删除或插入）' };
      if (auditHash(r.prevHash, r) !== r.hash) return { ok: false, checked, brokenAt: r.id, reason: '记录内容与哈希不符（记录被修改）' };
      prev = r.hash;
      checked++;
      lastId = r.id;
    }
  }
}

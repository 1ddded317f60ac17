import { db, type Tx } from '../db.js';
import { appendAudit, type AuditDraft } from '../modules/audit/audit.service.js';
import type { EventDraft, EventKindName, LoggedEvent } from './kinds.js';

type Notify = (seq: number) => void;
let notifyCommitted: Notify = () => {};

/** Wires the after-commit wake-up (the app sets this to publish on its bus). */
export function onEventsCommitted(fn: Notify): void {
  notifyCommitted = fn;
}

/**
 * Appends events inside the caller's transaction. The counter row is updated
 * first thing of this call and stays locked until commit, so on PostgreSQL a
 * second writer waits here: sequence order is commit order and a reader that sees
 * seq n has already seen every seq below it. A rollback gives the numbers back, so
 * the sequence stays gap-free. Callers append last, to hold the lock briefly.
 */
export async function appendEvents(tx: Tx, drafts: EventDraft[], at = new Date()): Promise<LoggedEvent[]> {
  if (drafts.length === 0) return [];
  const counter = await tx.eventCounter.update({ where: { id: 1 }, data: { seq: { increment: drafts.length } } });
  const first = counter.seq - drafts.length + 1;
  const rows = drafts.map((d, i) => ({ seq: first + i, kind: d.kind, entityId: d.entityId, unitId: d.unitId ?? null, at }));
  await tx.event.createMany({ data: rows });
  return rows;
}

/**
 * Runs `change` in one transaction together with the events it emits, then wakes
 * the subscribers once the commit has succeeded (never before: a subscriber must
 * not be told of something that may still roll back).
 */
export interface WriteScope {
  /** Announce a change to live screens. */
  emit(e: EventDraft): void;
  /** Record who did what in the audit trail. */
  audit(a: AuditDraft): void;
}

export async function writeWithEvents<T>(change: (tx: Tx, scope: WriteScope) => Promise<T>): Promise<T> {
  let last = 0;
  const result = await db().$transaction(
    async (tx) => {
      const drafts: EventDraft[] = [];
      const audits: AuditDraft[] = [];
      const r = await change(tx, { emit: (e) => drafts.push(e), audit: (a) => audits.push(a) });
      if (drafts.length === 0 && audits.length > 0) {
        // No events, but the audit chain still needs the counter lock to stay linear.
        await tx.eventCounter.update({ where: { id: 1 }, data: { seq: { increment: 0 } } });
      }
      const logged = await appendEvents(tx, drafts);
      await appendAudit(tx, audits);
      last = logged.at(-1)?.seq ?? 0;
      return r;
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
  if (last) notifyCommitted(last);
  return result;
}

/** Committed events after `afterSeq`, oldest first. */
export async function readEvents(afterSeq: number, limit: number): Promise<LoggedEvent[]> {
  const rows = await db().event.findMany({ where: { seq: { gt: afterSeq } }, orderBy: { seq: 'asc' }, take: limit });
  return rows.map((r) => ({ ...r, kind: r.kind as EventKindName }));
}

/** The highest committed sequence number (0 on an empty log). */
export async function headSeq(): Promise<number> {
  const last = await db().event.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true } });
  return last?.seq ?? 0;
}

/**
 * When the latest event `visible` accepts was committed, looking back at most `lookBack`
 * events (a screen opened after a reload shows it until a live event arrives); null if
 * none of them is visible.
 */
export async function lastEventAt(visible: (e: { kind: string; unitId: string | null }) => boolean, lookBack = 200): Promise<Date | null> {
  const recent = await db().event.findMany({ orderBy: { seq: 'desc' }, take: lookBack, select: { kind: true, unitId: true, at: true } });
  return recent.find(visible)?.at ?? null;
}

import { db } from '../../db.js';
import { AppError } from '../../errors.js';
import { writeWithEvents } from '../../events/event-log.js';
import { eventKinds } from '../../events/kinds.js';
import type { Viewer } from '../../context.js';
import type { Channel, ItemCategory, ItemStatus } from '../../generated/sqlite/enums.js';
import { parsePeriodOrThrow } from '../stats/stats.service.js';
import { validateItem } from './item.rules.js';

export interface SubmitItemInput {
  unitId: string;
  category: ItemCategory;
  channel: Channel;
  title: string;
  body: string;
  meetingSummary?: string | null;
  occurredAt: Date;
  idempotencyKey?: string | null;
}

export interface ItemFilter {
  unitId?: string | null;
  category?: ItemCategory | null;
  status?: ItemStatus | null;
  period?: string | null;
}

/** The Prisma `where` for an item filter (shared by list and count). */
export function itemWhere(filter: ItemFilter | null | undefined) {
  const period = filter?.period ? parsePeriodOrThrow(filter.period) : null;
  return {
    ...(filter?.unitId ? { unitId: filter.unitId } : {}),
    ...(filter?.category ? { category: filter.category } : {}),
    ...(filter?.status ? { status: filter.status } : {}),
    ...(period ? { submittedAt: { gte: period.start, lt: period.end } } : {}),
  };
}

/**
 * Submits an information item for a unit: by the unit's own informant, or by the
 * office on the unit's behalf (a phone report: the unit's informant is the author,
 * the office person is recorded as having entered it). Idempotent per key.
 */
export async function submitItem(viewer: Viewer, input: SubmitItemInput, now = new Date()) {
  const violations = validateItem(input, now);
  if (violations.length) {
    const [first] = violations;
    throw new AppError(first!.code, violations.map((v) => v.message).join('；'), {
      fields: violations.map((v) => v.field),
    });
  }
  const key = input.idempotencyKey?.trim() || null;
  if (key) {
    const existing = await db().item.findUnique({ where: { idempotencyKey: key } });
    if (existing) return sameSubmitter(existing, viewer, input);
  }
  const unit = await db().unit.findUnique({ where: { id: input.unitId } });
  if (!unit || !unit.active) throw new AppError('unit/not_found', `单位不存在: ${input.unitId}`);

  const isOffice = viewer.roles.has('OFFICE');
  const ownUnit = viewer.roles.has('INFORMANT') && viewer.unitId === unit.id;
  if (!ownUnit && !isOffice) throw new AppError('auth/forbidden', '只能为本单位报送信息');
  let authorId = viewer.personId;
  if (!ownUnit) {
    const informant = await db().person.findFirst({
      where: { unitId: unit.id, active: true, roles: { some: { role: 'INFORMANT' } } },
      orderBy: { createdAt: 'asc' },
    });
    authorId = informant?.id ?? viewer.personId;
  }
  const data = {
    category: input.category,
    channel: input.channel,
    title: input.title.trim(),
    body: input.body.trim(),
    meetingSummary: input.meetingSummary?.trim() || null,
    occurredAt: input.occurredAt,
  };
  try {
    return await writeWithEvents(async (tx, s) => {
      const item = await tx.item.create({
        data: { ...data, unitId: unit.id, authorId, enteredById: viewer.personId, submittedAt: now, idempotencyKey: key },
      });
      await tx.itemRevision.create({ data: { ...data, itemId: item.id, version: 1, editedById: viewer.personId, createdAt: now } });
      s.emit({ kind: eventKinds.ITEM_SUBMITTED, entityId: item.id, unitId: unit.id });
      s.audit({
        action: 'item.submit',
        actorId: viewer.personId,
        actorRoles: [...viewer.roles].join(','),
        entityType: 'Item',
        entityId: item.id,
        after: { ...data, unitId: unit.id, authorId },
      });
      return item;
    });
  } catch (err) {
    // A concurrent retry with the same key won the race: answer with its item.
    if (key && (err as { code?: string }).code === 'P2002') {
      const existing = await db().item.findUnique({ where: { idempotencyKey: key } });
      if (existing) return sameSubmitter(existing, viewer, input);
    }
    throw err;
  }
}

function sameSubmitter<T extends { enteredById: string; unitId: string }>(item: T, viewer: Viewer, input: SubmitItemInput): T {
  if (item.enteredById !== viewer.personId || item.unitId !== input.unitId) {
    throw new AppError('item/idempotency_conflict', '该提交键已被另一条信息使用');
  }
  return item;
}

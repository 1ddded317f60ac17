import { db, dbKind, type Tx } from '../../db.js';
import { AppError } from '../../errors.js';
import { writeWithEvents } from '../../events/event-log.js';
import { oncePerKey } from '../../idempotency.js';
import { eventKinds } from '../../events/kinds.js';
import type { Viewer } from '../../context.js';
import type { AdoptionLevel, Channel, ItemCategory, ItemStatus } from '../../generated/sqlite/enums.js';
import { parsePeriodOrThrow } from '../stats/stats.service.js';
import { canRaiseAdoption, planPhotos, searchWords, validateItem } from './item.rules.js';
import { bumpMonthStat } from '../stats/month-stat.js';
import { LEVEL_NAME, STATUS_LABEL } from './item-labels.js';
import { isDisplay, itemListWhere } from '../auth/policy.js';

export interface SubmitItemInput {
  unitId: string;
  category: ItemCategory;
  channel: Channel;
  title: string;
  body: string;
  meetingSummary?: string | null;
  occurredAt: Date;
  idempotencyKey?: string | null;
  /** Photos uploaded beforehand through POST /uploads (meeting items). */
  attachmentIds?: string[] | null;
}

export interface ItemFilter {
  unitId?: string | null;
  category?: ItemCategory | null;
  status?: ItemStatus | null;
  period?: string | null;
  /** adopted at this level */
  level?: AdoptionLevel | null;
  /** words that must all appear (title, text or meeting summary) */
  text?: string | null;
}

/** Throws one AppError naming every problem with an item's text and time. */
function assertValidItem(input: Parameters<typeof validateItem>[0], now: Date): void {
  const violations = validateItem(input, now);
  if (violations.length) {
    throw new AppError(violations[0]!.code, violations.map((v) => v.message).join('；'), { fields: violations.map((v) => v.field) });
  }
}

/** How an item's photos become `wanted`, or an AppError when there are too many. */
function photoPlanOrThrow(current: string[], wanted: string[]) {
  const plan = planPhotos(current, wanted);
  if (!plan.ok) throw new AppError(plan.violation.code, plan.violation.message, { fields: [plan.violation.field] });
  return plan;
}

/**
 * Links photos to an item: only the viewer's own uploads that are on no item yet,
 * so nobody can take another item's photo (or someone else's) by its id.
 */
async function linkPhotos(tx: Tx, viewer: Viewer, itemId: string, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const linked = await tx.attachment.updateMany({ where: { id: { in: ids }, uploadedById: viewer.personId, itemId: null }, data: { itemId } });
  if (linked.count !== ids.length) throw new AppError('input/invalid', '照片不存在或已被使用，请重新上传', { fields: ['attachmentIds'] });
}

/** The photo list a version is stored with, in the order it was sent. */
const revisionPhotos = (ids: string[]) => ({ create: ids.map((attachmentId, position) => ({ attachmentId, position })) });

/** The stored form of an item's text: trimmed, an empty meeting summary as null. */
function itemText(input: ReviseInput) {
  return {
    category: input.category,
    channel: input.channel,
    title: input.title.trim(),
    body: input.body.trim(),
    meetingSummary: input.meetingSummary?.trim() || null,
    occurredAt: input.occurredAt,
  };
}

/** The Prisma `where` for an item filter (shared by list and count). */
export function itemWhere(filter: ItemFilter | null | undefined, textIn: 'title' | 'titleAndBody' = 'titleAndBody') {
  const period = filter?.period ? parsePeriodOrThrow(filter.period) : null;
  const search = searchWords(filter?.text);
  if (!search.ok) throw new AppError(search.violation.code, search.violation.message, { fields: [search.violation.field] });
  // every word somewhere in the item; a display, which sees titles only, searches titles only
  const wordWhere = (word: string) => {
    const contains = dbKind() === 'postgres' ? { contains: word, mode: 'insensitive' as const } : { contains: word };
    return textIn === 'title' ? { title: contains } : { OR: [{ title: contains }, { body: contains }, { meetingSummary: contains }] };
  };
  return {
    ...(filter?.unitId ? { unitId: filter.unitId } : {}),
    ...(filter?.category ? { category: filter.category } : {}),
    ...(filter?.status ? { status: filter.status } : {}),
    ...(filter?.level ? { adoptionLevel: filter.level } : {}),
    ...(period ? { submittedAt: { gte: period.start, lt: period.end } } : {}),
    ...(search.words.length > 0 ? { AND: search.words.map(wordWhere) } : {}),
  };
}

/** A filter within what the viewer may list; a display (titles only) searches titles only. */
export function visibleItemsWhere(filter: ItemFilter | null | undefined, viewer: Viewer | null | undefined) {
  return { AND: [itemWhere(filter, isDisplay(viewer) ? 'title' : 'titleAndBody'), itemListWhere(viewer)] };
}

/** 待审核 narrowed by unit and/or category (the office's queue filters). */
export interface ReviewQueueFilter {
  unitId?: string | null;
  category?: ItemCategory | null;
}

export function reviewQueueWhere(filter: ReviewQueueFilter = {}) {
  return {
    status: 'SUBMITTED' as const,
    ...(filter.unitId ? { unitId: filter.unitId } : {}),
    ...(filter.category ? { category: filter.category } : {}),
  };
}

export interface ReviewQueueSummary {
  /** Everything waiting, whatever the filter. */
  total: number;
  /** What waits under the filter (unit and category both applied). */
  matching: number;
  /** The item that has waited longest, whatever the filter; null when the queue is empty. */
  oldestSubmittedAt: Date | null;
  /** Units with items waiting in the chosen category (all categories if none), in the units' display order. */
  units: { unitId: string; unitName: string; count: number }[];
  /** Categories with items waiting at the chosen unit (all units if none), most first. */
  categories: { category: ItemCategory; count: number }[];
}

/**
 * What waits for review, counted for the queue's filters as a faceted search counts:
 * each unit under the chosen category, each category under the chosen unit. One
 * grouped read of the whole queue.
 */
export async function reviewQueueSummary(filter: ReviewQueueFilter = {}): Promise<ReviewQueueSummary> {
  const groups = await db().item.groupBy({
    by: ['unitId', 'category'],
    where: reviewQueueWhere(),
    _count: { _all: true },
    _min: { submittedAt: true },
  });
  const byUnit = new Map<string, number>();
  const byCategory = new Map<ItemCategory, number>();
  let total = 0;
  let matching = 0;
  let oldest: Date | null = null;
  for (const g of groups) {
    const n = g._count._all;
    const unitOk = !filter.unitId || g.unitId === filter.unitId;
    const categoryOk = !filter.category || g.category === filter.category;
    total += n;
    if (unitOk && categoryOk) matching += n;
    if (categoryOk) byUnit.set(g.unitId, (byUnit.get(g.unitId) ?? 0) + n);
    if (unitOk) byCategory.set(g.category, (byCategory.get(g.category) ?? 0) + n);
    const first = g._min.submittedAt;
    if (first && (!oldest || first < oldest)) oldest = first;
  }
  const units = await db().unit.findMany({
    where: { id: { in: [...byUnit.keys()] } },
    select: { id: true, name: true },
    orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
  });
  return {
    total,
    matching,
    oldestSubmittedAt: oldest,
    units: units.map((u) => ({ unitId: u.id, unitName: u.name, count: byUnit.get(u.id) ?? 0 })),
    categories: [...byCategory].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
  };
}

/**
 * Submits an information item for a unit: by the unit's own informant, or by the
 * office on the unit's behalf (a phone report: the unit's informant is the author,
 * the office person is recorded as having entered it). Idempotent per key.
 */
export async function submitItem(viewer: Viewer, input: SubmitItemInput, now = new Date()) {
  assertValidItem(input, now);
  const key = input.idempotencyKey?.trim() || null;
  const recorded = async (k: string) => {
    const existing = await db().item.findUnique({ where: { idempotencyKey: k } });
    return existing && sameSubmitter(existing, viewer, input);
  };
  return oncePerKey(key, recorded, () => createItem(viewer, input, key, now));
}

async function createItem(viewer: Viewer, input: SubmitItemInput, key: string | null, now: Date) {
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
  const data = itemText(input);
  return writeWithEvents(async (tx, s) => {
    const item = await tx.item.create({
      data: { ...data, unitId: unit.id, authorId, enteredById: viewer.personId, submittedAt: now, idempotencyKey: key },
    });
    const photos = input.attachmentIds?.length ? photoPlanOrThrow([], input.attachmentIds).link : [];
    await linkPhotos(tx, viewer, item.id, photos);
    await tx.itemRevision.create({ data: { ...data, itemId: item.id, version: 1, editedById: viewer.personId, createdAt: now, photos: revisionPhotos(photos) } });
    await bumpMonthStat(tx, item.submittedAt, item.unitId, null, 'SUBMITTED');
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
}

function sameSubmitter<T extends { enteredById: string; unitId: string }>(item: T, viewer: Viewer, input: SubmitItemInput): T {
  if (item.enteredById !== viewer.personId || item.unitId !== input.unitId) {
    throw new AppError('item/idempotency_conflict', '该提交键已被另一条信息使用');
  }
  return item;
}

export interface ReviewInput {
  decision: 'ADOPT' | 'NOT_ADOPT' | 'RETURN';
  level?: 'WEBSITE' | 'BULLETIN' | 'COUNTY' | 'CITY' | 'PROVINCE' | null;
  comment?: string | null;
}

/**
 * The office's review: adopt (with where it was used), not adopt (with a reason),
 * or return for revision (with a comment). Only a submitted item can be reviewed;
 * a later adoption at a higher level (e.g. the county picks it up) is allowed on an
 * adopted item and replaces the level.
 */
export async function reviewItem(viewer: Viewer, id: string, input: ReviewInput, now = new Date()) {
  if (!viewer.roles.has('OFFICE')) throw new AppError('auth/forbidden', '只有党政办可以审核信息');
  const comment = input.comment?.trim() || null;
  if (input.decision === 'ADOPT' && !input.level) throw new AppError('input/invalid', '采用时须选择采用层级', { fields: ['level'] });
  if (input.decision !== 'ADOPT' && !comment) {
    throw new AppError('input/invalid', input.decision === 'RETURN' ? '退回修改须填写修改意见' : '不采用须填写原因', { fields: ['comment'] });
  }
  if (comment && [...comment].length > 1000) throw new AppError('input/too_long', '审核意见不能超过 1000 字', { fields: ['comment'] });
  return writeWithEvents(async (tx, s) => {
    const item = await tx.item.findUnique({ where: { id } });
    if (!item) throw new AppError('item/not_found', `信息不存在: ${id}`);
    const upgrade = item.status === 'ADOPTED' && input.decision === 'ADOPT';
    if (item.status !== 'SUBMITTED' && !upgrade) {
      throw new AppError('item/wrong_state', `该信息当前状态为「${STATUS_LABEL[item.status]}」，不能审核`);
    }
    if (upgrade && !canRaiseAdoption(item.adoptionLevel, input.level!)) {
      throw new AppError('input/invalid', `该信息已由「${LEVEL_NAME[item.adoptionLevel!]}」采用，只能改为更高层级的采用`, { fields: ['level'] });
    }
    const status = input.decision === 'ADOPT' ? 'ADOPTED' : input.decision === 'NOT_ADOPT' ? 'NOT_ADOPTED' : 'RETURNED';
    // Only from the state read above: a second reviewer (or a double click) at the same
    // moment finds the item changed and is refused. On PostgreSQL its update waits for
    // the first one's commit and then no longer matches.
    const claimed = await tx.item.updateMany({
      where: { id, status: item.status, adoptionLevel: item.adoptionLevel, version: item.version },
      data: { status, adoptionLevel: input.decision === 'ADOPT' ? input.level! : null, reviewedAt: now },
    });
    if (claimed.count !== 1) throw new AppError('item/wrong_state', '该信息刚刚已被审核或修改，请刷新后再看');
    await tx.review.create({
      data: { itemId: id, itemVersion: item.version, reviewerId: viewer.personId, decision: input.decision, level: input.decision === 'ADOPT' ? input.level! : null, comment, createdAt: now },
    });
    const updated = await tx.item.findUniqueOrThrow({ where: { id } });
    await bumpMonthStat(tx, item.submittedAt, item.unitId, item.status, status);
    s.emit({ kind: eventKinds.ITEM_REVIEWED, entityId: id, unitId: item.unitId });
    s.audit({
      action: `item.review.${input.decision.toLowerCase() as Lowercase<ReviewInput['decision']>}`,
      actorId: viewer.personId,
      actorRoles: [...viewer.roles].join(','),
      entityType: 'Item',
      entityId: id,
      before: { status: item.status, adoptionLevel: item.adoptionLevel },
      after: { status, adoptionLevel: updated.adoptionLevel, comment },
    });
    return updated;
  });
}

export type ReviseInput = Omit<SubmitItemInput, 'unitId' | 'idempotencyKey'>;

/**
 * The informant revises a returned item and resubmits it. The previous text stays
 * as a revision; the item goes back into the review queue with a new version.
 * `attachmentIds`, when given, is the item's complete new set of photos; photos
 * left out are detached (kept as unattached uploads of whoever uploaded them).
 */
export async function reviseItem(viewer: Viewer, id: string, input: ReviseInput, now = new Date()) {
  assertValidItem(input, now);
  return writeWithEvents(async (tx, s) => {
    const item = await tx.item.findUnique({ where: { id } });
    if (!item) throw new AppError('item/not_found', `信息不存在: ${id}`);
    const own = viewer.roles.has('INFORMANT') && viewer.unitId === item.unitId;
    if (!own && !viewer.roles.has('OFFICE')) throw new AppError('auth/forbidden', '只能修改本单位的信息');
    if (item.status !== 'RETURNED') throw new AppError('item/wrong_state', `只有退回修改的信息可以修改后重新报送（当前：${STATUS_LABEL[item.status]}）`);
    const data = itemText(input);
    const version = item.version + 1;
    // only from the version read above: the same revision sent twice at once is made once
    const claimed = await tx.item.updateMany({
      where: { id, status: 'RETURNED', version: item.version },
      data: { ...data, version, status: 'SUBMITTED', adoptionLevel: null, reviewedAt: null },
    });
    if (claimed.count !== 1) throw new AppError('item/wrong_state', '该信息刚刚已被修改并重新报送，请刷新后再看');
    let photos: { before: string[]; after: string[] } | null = null;
    const current = (await tx.attachment.findMany({ where: { itemId: id }, select: { id: true }, orderBy: { createdAt: 'asc' } })).map((a) => a.id);
    if (input.attachmentIds) {
      const plan = photoPlanOrThrow(current, input.attachmentIds);
      if (plan.detach.length) await tx.attachment.updateMany({ where: { id: { in: plan.detach }, itemId: id }, data: { itemId: null } });
      await linkPhotos(tx, viewer, id, plan.link);
      photos = { before: current, after: plan.after };
    }
    await tx.itemRevision.create({
      data: { ...data, itemId: id, version, editedById: viewer.personId, createdAt: now, photos: revisionPhotos(photos?.after ?? current) },
    });
    const updated = await tx.item.findUniqueOrThrow({ where: { id } });
    await bumpMonthStat(tx, item.submittedAt, item.unitId, item.status, 'SUBMITTED');
    s.emit({ kind: eventKinds.ITEM_REVISED, entityId: id, unitId: item.unitId });
    s.audit({
      action: 'item.revise',
      actorId: viewer.personId,
      actorRoles: [...viewer.roles].join(','),
      entityType: 'Item',
      entityId: id,
      before: { version: item.version, title: item.title, body: item.body, ...(photos && { attachmentIds: photos.before }) },
      after: { version, title: data.title, body: data.body, ...(photos && { attachmentIds: photos.after }) },
    });
    return updated;
  });
}

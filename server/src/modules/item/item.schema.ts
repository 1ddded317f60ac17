import { builder } from '../../builder.js';
import { db } from '../../db.js';
import { AdoptionLevel, Channel, ItemCategory, ItemStatus, ReviewDecision } from '../../generated/sqlite/enums.js';
import { requireViewer } from '../auth/auth.service.js';
import { reviewItem, reviewQueueSummary, reviewQueueWhere, reviseItem, submitItem, visibleItemsWhere, type ReviewQueueSummary } from './item.service.js';
import { canReadItem, canSeeItemSummary } from '../auth/policy.js';

export const ItemCategoryEnum = builder.enumType(ItemCategory, {
  name: 'ItemCategory',
  description: '信息类别: 工作动态, 领导活动, 会议, 突发事件, 经济运行, 经验做法, 调研信息',
});
export const ChannelEnum = builder.enumType(Channel, { name: 'Channel', description: '报送渠道: 电话, 书面, 现场采访' });
export const ItemStatusEnum = builder.enumType(ItemStatus, {
  name: 'ItemStatus',
  description: 'SUBMITTED 待审核, ADOPTED 已采用, NOT_ADOPTED 未采用, RETURNED 退回修改',
});
export const AdoptionLevelEnum = builder.enumType(AdoptionLevel, {
  name: 'AdoptionLevel',
  description: '采用层级: 镇政府网站, 镇信息简报, 县, 市, 省',
});

builder.prismaObject('Item', {
  authScopes: (row, ctx) => canSeeItemSummary(ctx.viewer, row.unitId),
  description: '信息: one information item reported by a unit',
  fields: (t) => ({
    id: t.exposeID('id'),
    unit: t.relation('unit'),
    category: t.expose('category', { type: ItemCategoryEnum }),
    channel: t.expose('channel', { authScopes: (row, _args, ctx) => canReadItem(ctx.viewer, row.unitId), type: ChannelEnum }),
    title: t.exposeString('title'),
    body: t.exposeString('body', { authScopes: (row, _args, ctx) => canReadItem(ctx.viewer, row.unitId) }),
    meetingSummary: t.exposeString('meetingSummary', { authScopes: (row, _args, ctx) => canReadItem(ctx.viewer, row.unitId), nullable: true, description: '会议主要内容' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: '事情发生的时间' }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', description: '报送时间: counts for the period it falls in (CST)' }),
    status: t.expose('status', { type: ItemStatusEnum }),
    adoptionLevel: t.expose('adoptionLevel', { type: AdoptionLevelEnum, nullable: true }),
    version: t.exposeInt('version', { description: 'Revision number; every edit keeps the previous one' }),
    author: t.relation('author', { authScopes: (row, _args, ctx) => canReadItem(ctx.viewer, row.unitId), description: '信息员 (author)' }),
    enteredBy: t.relation('enteredBy', { authScopes: (row, _args, ctx) => canReadItem(ctx.viewer, row.unitId), description: 'Who entered it (the office, for a phone report)' }),
    reviewedAt: t.expose('reviewedAt', { type: 'DateTime', nullable: true }),
    attachments: t.relation('attachments', {
      authScopes: (row, _args, ctx) => canReadItem(ctx.viewer, row.unitId),
      description: '会议照片 (GET /attachments/<id> with the bearer token)',
      query: { orderBy: { createdAt: 'asc' } },
    }),
    revisions: t.relation('revisions', { authScopes: (row, _args, ctx) => canReadItem(ctx.viewer, row.unitId), description: 'every submitted version, oldest first', query: { orderBy: { version: 'asc' } } }),
    reviews: t.relation('reviews', { authScopes: (row, _args, ctx) => canReadItem(ctx.viewer, row.unitId), description: 'review decisions, oldest first', query: { orderBy: { createdAt: 'asc' } } }),
  }),
});

export const CategoryCountRef = builder.objectRef<{ category: string; count: number }>('CategoryCount').implement({
  fields: (t) => ({ category: t.field({ type: ItemCategoryEnum, resolve: (c) => c.category as never }), count: t.exposeInt('count') }),
});

const ReviewQueueUnitRef = builder.objectRef<ReviewQueueSummary['units'][number]>('ReviewQueueUnit').implement({
  fields: (t) => ({ unitId: t.exposeID('unitId'), unitName: t.exposeString('unitName'), count: t.exposeInt('count') }),
});

const ReviewQueueSummaryRef = builder.objectRef<ReviewQueueSummary>('ReviewQueueSummary').implement({
  description: 'What waits for review (待审核), counted by unit and by category',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'everything waiting, whatever the filter' }),
    matching: t.exposeInt('matching', { description: 'what waits under the filter (unit and category both applied)' }),
    oldestSubmittedAt: t.expose('oldestSubmittedAt', { type: 'DateTime', nullable: true, description: 'when the item that has waited longest was sent, whatever the filter' }),
    units: t.field({ type: [ReviewQueueUnitRef], description: 'units with items waiting in the chosen category (any, if none), in display order', resolve: (s) => s.units }),
    categories: t.field({ type: [CategoryCountRef], description: 'categories with items waiting at the chosen unit (any, if none), most first', resolve: (s) => s.categories }),
  }),
});

const ReviewDecisionEnum = builder.enumType(ReviewDecision, { name: 'ReviewDecision', description: 'ADOPT 采用, NOT_ADOPT 不采用, RETURN 退回修改' });

const AttachmentRef = builder.prismaObject('Attachment', {
  fields: (t) => ({
    id: t.exposeID('id'),
    originalName: t.exposeString('originalName'),
    mimeType: t.exposeString('mimeType'),
    size: t.exposeInt('size'),
    url: t.string({ resolve: (a) => `/attachments/${a.id}` }),
  }),
});

builder.prismaObject('ItemRevision', {
  fields: (t) => ({
    version: t.exposeInt('version'),
    category: t.expose('category', { type: ItemCategoryEnum }),
    channel: t.expose('channel', { type: ChannelEnum }),
    title: t.exposeString('title'),
    body: t.exposeString('body'),
    meetingSummary: t.exposeString('meetingSummary', { nullable: true }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
    editedBy: t.relation('editedBy'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    photos: t.field({
      type: [AttachmentRef],
      description: 'the photos this version was sent with, in order (also those a later version left out)',
      select: { photos: { orderBy: { position: 'asc' }, select: { attachment: true } } },
      resolve: (r) => r.photos.map((p) => p.attachment),
    }),
  }),
});

builder.prismaObject('Review', {
  fields: (t) => ({
    id: t.exposeID('id'),
    itemVersion: t.exposeInt('itemVersion', { description: 'the version that was reviewed' }),
    decision: t.expose('decision', { type: ReviewDecisionEnum }),
    level: t.expose('level', { type: AdoptionLevelEnum, nullable: true }),
    comment: t.exposeString('comment', { nullable: true }),
    reviewer: t.relation('reviewer'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const ReviewInput = builder.inputType('ReviewInput', {
  fields: (t) => ({
    decision: t.field({ type: ReviewDecisionEnum, required: true }),
    level: t.field({ type: AdoptionLevelEnum, description: 'required when adopting' }),
    comment: t.string({ description: 'required when not adopting (reason) or returning (what to change)' }),
  }),
});

const ReviseItemInput = builder.inputType('ReviseItemInput', {
  fields: (t) => ({
    category: t.field({ type: ItemCategoryEnum, required: true }),
    channel: t.field({ type: ChannelEnum, required: true }),
    title: t.string({ required: true }),
    body: t.string({ required: true }),
    meetingSummary: t.string(),
    occurredAt: t.field({ type: 'DateTime', required: true }),
    attachmentIds: t.idList({
      description: 'the complete new set of photos (kept ones and new uploads, at most 9); photos left out are removed from the item; omit to keep the photos as they are',
    }),
  }),
});

const ItemFilterInput = builder.inputType('ItemFilter', {
  fields: (t) => ({
    unitId: t.id(),
    category: t.field({ type: ItemCategoryEnum }),
    status: t.field({ type: ItemStatusEnum }),
    period: t.string({ description: '2026-11 | 2026-Q4 | 2026 | 2026-11-25 | 2026-11-01..2026-11-15 (CST)' }),
    level: t.field({ type: AdoptionLevelEnum, description: 'adopted at this level' }),
    text: t.string({
      description: 'words (separated by spaces, at most 5 and 100 characters) that must all appear in the title, the text or the meeting summary; a display searches titles only',
    }),
  }),
});

const SubmitItemInput = builder.inputType('SubmitItemInput', {
  fields: (t) => ({
    unitId: t.id({ required: true }),
    category: t.field({ type: ItemCategoryEnum, required: true }),
    channel: t.field({ type: ChannelEnum, required: true }),
    title: t.string({ required: true, description: 'at most 200 characters' }),
    body: t.string({ required: true, description: 'at most 20,000 characters' }),
    meetingSummary: t.string({ description: '会议主要内容, for meeting items' }),
    occurredAt: t.field({ type: 'DateTime', required: true }),
    idempotencyKey: t.string({ description: 'client-generated; a retried submit with the same key returns the first item' }),
    attachmentIds: t.idList({ description: 'photos uploaded first with POST /uploads (raw image body, bearer token); at most 9' }),
  }),
});

builder.queryFields((t) => ({
  item: t.prismaField({
    authScopes: { dashboard: true },
    type: 'Item',
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args) => db().item.findUnique({ ...query, where: { id: args.id } }),
  }),
  items: t.prismaField({
    authScopes: { dashboard: true },
    type: ['Item'],
    description: 'Items, newest first',
    args: {
      filter: t.arg({ type: ItemFilterInput }),
      first: t.arg.int({ defaultValue: 20 }),
      offset: t.arg.int({ defaultValue: 0 }),
    },
    resolve: (query, _root, args, ctx) =>
      db().item.findMany({
        ...query,
        where: visibleItemsWhere(args.filter, ctx.viewer),
        orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
        take: Math.min(Math.max(args.first ?? 20, 0), 200),
        skip: Math.max(args.offset ?? 0, 0),
      }),
  }),
  reviewQueue: t.prismaField({
    authScopes: { office: true },
    type: ['Item'],
    description: '待审核: submitted items, oldest first (the office works from the top); at most 200',
    args: {
      first: t.arg.int({ defaultValue: 50 }),
      unitId: t.arg.id({ description: 'only this unit' }),
      category: t.arg({ type: ItemCategoryEnum, description: 'only this category' }),
    },
    resolve: (query, _root, args) =>
      db().item.findMany({
        ...query,
        where: reviewQueueWhere({ unitId: args.unitId, category: args.category }),
        orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
        take: Math.min(Math.max(args.first ?? 50, 0), 200),
      }),
  }),
  reviewQueueSummary: t.field({
    authScopes: { office: true },
    type: ReviewQueueSummaryRef,
    description: '待审核 counted for the queue\'s filters: each unit under the chosen category, each category under the chosen unit',
    args: {
      unitId: t.arg.id({ description: 'the unit chosen in the queue' }),
      category: t.arg({ type: ItemCategoryEnum, description: 'the category chosen in the queue' }),
    },
    resolve: (_root, args) => reviewQueueSummary({ unitId: args.unitId, category: args.category }),
  }),
  itemCount: t.int({
    authScopes: { dashboard: true },
    args: { filter: t.arg({ type: ItemFilterInput }) },
    resolve: (_root, args, ctx) => db().item.count({ where: visibleItemsWhere(args.filter, ctx.viewer) }),
  }),
}));

builder.mutationFields((t) => ({
  reviewItem: t.prismaField({
    authScopes: { office: true },
    type: 'Item',
    description: '审核: adopt with a level, not adopt with a reason, or return for revision with a comment (office only); an adopted item is adopted again only at a higher level (上级采用)',
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: ReviewInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      await reviewItem(requireViewer(ctx.viewer), args.id, args.input);
      return db().item.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  reviseItem: t.prismaField({
    authScopes: { actor: true },
    type: 'Item',
    description: '修改后重新报送 a returned item; the previous version is kept',
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: ReviseItemInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      await reviseItem(requireViewer(ctx.viewer), args.id, { ...args.input, attachmentIds: args.input.attachmentIds?.map(String) });
      return db().item.findUniqueOrThrow({ ...query, where: { id: args.id } });
    },
  }),
  submitItem: t.prismaField({
    authScopes: { actor: true },
    type: 'Item',
    description: '报送信息: an informant for their own unit, or the office on a unit’s behalf',
    args: { input: t.arg({ type: SubmitItemInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const item = await submitItem(requireViewer(ctx.viewer), { ...input, attachmentIds: input.attachmentIds?.map(String) });
      return db().item.findUniqueOrThrow({ ...query, where: { id: item.id } });
    },
  }),
}));

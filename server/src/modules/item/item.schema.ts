import { builder } from '../../builder.js';
import { db } from '../../db.js';
import { AdoptionLevel, Channel, ItemCategory, ItemStatus } from '../../generated/sqlite/enums.js';
import { requireViewer } from '../auth/auth.service.js';
import { itemWhere, submitItem } from './item.service.js';

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
  description: '信息: one information item reported by a unit',
  fields: (t) => ({
    id: t.exposeID('id'),
    unit: t.relation('unit'),
    category: t.expose('category', { type: ItemCategoryEnum }),
    channel: t.expose('channel', { type: ChannelEnum }),
    title: t.exposeString('title'),
    body: t.exposeString('body'),
    meetingSummary: t.exposeString('meetingSummary', { nullable: true, description: '会议主要内容' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: '事情发生的时间' }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', description: '报送时间: counts for the period it falls in (CST)' }),
    status: t.expose('status', { type: ItemStatusEnum }),
    adoptionLevel: t.expose('adoptionLevel', { type: AdoptionLevelEnum, nullable: true }),
    version: t.exposeInt('version', { description: 'Revision number; every edit keeps the previous one' }),
    author: t.relation('author', { description: '信息员 (author)' }),
    enteredBy: t.relation('enteredBy', { description: 'Who entered it (the office, for a phone report)' }),
  }),
});

const ItemFilterInput = builder.inputType('ItemFilter', {
  fields: (t) => ({
    unitId: t.id(),
    category: t.field({ type: ItemCategoryEnum }),
    status: t.field({ type: ItemStatusEnum }),
    period: t.string({ description: '2026-11 | 2026-Q4 | 2026 | 2026-11-25 | 2026-11-01..2026-11-15 (CST)' }),
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
  }),
});

builder.queryFields((t) => ({
  item: t.prismaField({
    type: 'Item',
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args) => db().item.findUnique({ ...query, where: { id: args.id } }),
  }),
  items: t.prismaField({
    type: ['Item'],
    description: 'Items, newest first',
    args: {
      filter: t.arg({ type: ItemFilterInput }),
      first: t.arg.int({ defaultValue: 20 }),
      offset: t.arg.int({ defaultValue: 0 }),
    },
    resolve: (query, _root, args) =>
      db().item.findMany({
        ...query,
        where: itemWhere(args.filter),
        orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
        take: Math.min(Math.max(args.first ?? 20, 0), 200),
        skip: Math.max(args.offset ?? 0, 0),
      }),
  }),
  itemCount: t.int({
    args: { filter: t.arg({ type: ItemFilterInput }) },
    resolve: (_root, args) => db().item.count({ where: itemWhere(args.filter) }),
  }),
}));

builder.mutationFields((t) => ({
  submitItem: t.prismaField({
    type: 'Item',
    description: '报送信息: an informant for their own unit, or the office on a unit’s behalf',
    args: { input: t.arg({ type: SubmitItemInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const item = await submitItem(requireViewer(ctx.viewer), input);
      return db().item.findUniqueOrThrow({ ...query, where: { id: item.id } });
    },
  }),
}));

import { builder } from '../../builder.js';
import { db } from '../../db.js';
import { Role, UnitKind } from '../../generated/sqlite/enums.js';
import { isAdmin, isOffice } from '../auth/policy.js';

export const UnitKindEnum = builder.enumType(UnitKind, {
  name: 'UnitKind',
  description: '单位类别: OFFICE 党政办, DEPARTMENT 部门, COMMUNITY 社区, VILLAGE 行政村',
});

export const RoleEnum = builder.enumType(Role, {
  name: 'Role',
  description: 'INFORMANT 信息员, OFFICE 党政办, LEADER 分管领导, MAIN_LEADER 主要领导, DUTY 值班室, ADMIN 管理员',
});

builder.prismaObject('Unit', {
  description: '单位: a department, community, administrative village, or the office itself',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: UnitKindEnum }),
    sortOrder: t.exposeInt('sortOrder', { description: 'display order (lower first)' }),
    active: t.exposeBoolean('active', { description: 'inactive units are kept for history but take no new reports' }),
    leaderInCharge: t.relation('leaderInCharge', { nullable: true, description: '分管领导' }),
  }),
});

builder.prismaObject('Person', {
  description: 'A person with an account: informant, office staff, leader …',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    title: t.exposeString('title', { nullable: true, description: '职务' }),
    unit: t.relation('unit', { nullable: true }),
    account: t.exposeString('account', {
      description: 'sign-in name; visible to the person themself, the office and the admin',
      authScopes: (p, _args, ctx) => ctx.viewer?.personId === p.id || isOffice(ctx.viewer) || isAdmin(ctx.viewer),
    }),
    active: t.exposeBoolean('active', { authScopes: { manager: true } }),
    phone: t.exposeString('phone', {
      nullable: true,
      description: 'the person’s own number, visible to themselves, the office and the admin',
      authScopes: (p, _args, ctx) => ctx.viewer?.personId === p.id || isOffice(ctx.viewer) || isAdmin(ctx.viewer),
    }),
    passwordChangeDue: t.exposeBoolean('passwordChangeDue', {
      description: 'the password was set by an administrator and is to be changed by the person (visible to themselves, the office and the admin)',
      authScopes: (p, _args, ctx) => ctx.viewer?.personId === p.id || isOffice(ctx.viewer) || isAdmin(ctx.viewer),
    }),
    unitsInCharge: t.relation('inCharge', { description: '分管的单位' }),
    roles: t.field({
      type: [RoleEnum],
      select: { roles: { select: { role: true } } },
      resolve: (p) => p.roles.map((r) => r.role),
    }),
  }),
});

builder.queryFields((t) => ({
  units: t.prismaField({
    authScopes: { signedIn: true },
    type: ['Unit'],
    description: 'Active units, office first, then in display order',
    args: { includeInactive: t.arg.boolean({ description: 'admin only: also the units no longer active' }) },
    resolve: (query, _root, args, ctx) =>
      db().unit.findMany({
        ...query,
        where: args.includeInactive && isAdmin(ctx.viewer) ? {} : { active: true },
        orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
      }),
  }),
  unit: t.prismaField({
    authScopes: { signedIn: true },
    type: 'Unit',
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args) => db().unit.findUnique({ ...query, where: { id: args.id } }),
  }),
}));

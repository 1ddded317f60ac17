import { builder } from '../../builder.js';
import { db } from '../../db.js';
import { Role as RoleValues } from '../../generated/sqlite/enums.js';
import { requireViewer } from '../auth/auth.service.js';
import { RoleEnum, UnitKindEnum } from '../unit/unit.schema.js';
import { verifyAuditChain } from '../audit/audit.service.js';
import { savePerson, saveUnit } from './admin.service.js';

const UnitInput = builder.inputType('UnitInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    kind: t.field({ type: UnitKindEnum, required: true }),
    leaderInChargeId: t.id(),
    sortOrder: t.int(),
    active: t.boolean(),
  }),
});

const PersonInput = builder.inputType('PersonInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    account: t.string({ required: true }),
    phone: t.string(),
    title: t.string(),
    unitId: t.id(),
    roles: t.field({ type: [RoleEnum], required: true }),
    active: t.boolean(),
    password: t.string({ description: 'set or reset; at least 10 characters with letters and digits' }),
  }),
});

builder.prismaObject('Session', {
  description: 'A sign-in session or a wall-display token',
  fields: (t) => ({
    id: t.exposeID('id'),
    person: t.relation('person'),
    kind: t.exposeString('kind'),
    label: t.exposeString('label', { nullable: true }),
    device: t.exposeString('device', { nullable: true, description: 'the device signed in from, as a person names it (Android 手机 · 微信); null for a display token or when unknown' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    lastSeenAt: t.expose('lastSeenAt', { type: 'DateTime', nullable: true, description: 'its last use, to within ten minutes; null if never used' }),
    current: t.boolean({ description: 'the session making this request (revoking it signs you out)', resolve: (s, _a, ctx) => s.id === ctx.viewer?.sessionId }),
  }),
});

builder.prismaObject('AuditEntry', {
  description: '审计记录 (append-only, hash-chained)',
  fields: (t) => ({
    id: t.exposeInt('id'),
    at: t.expose('at', { type: 'DateTime' }),
    actorId: t.exposeID('actorId', { nullable: true }),
    actorRoles: t.exposeString('actorRoles', { nullable: true }),
    address: t.exposeString('address', { nullable: true }),
    action: t.exposeString('action'),
    entityType: t.exposeString('entityType', { nullable: true }),
    entityId: t.exposeString('entityId', { nullable: true }),
    before: t.exposeString('before', { nullable: true, description: 'JSON' }),
    after: t.exposeString('after', { nullable: true, description: 'JSON' }),
    hash: t.exposeString('hash'),
  }),
});

const AuditVerifyRef = builder.objectRef<{ ok: boolean; checked: number; brokenAt: number | null; reason: string | null }>('AuditVerification').implement({
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    checked: t.exposeInt('checked'),
    brokenAt: t.exposeInt('brokenAt', { nullable: true, description: 'id of the first row that fails' }),
    reason: t.exposeString('reason', { nullable: true }),
  }),
});

builder.queryFields((t) => ({
  people: t.prismaField({
    type: ['Person'],
    authScopes: { manager: true },
    description: 'accounts (admin and office: the office needs the duty account for display tokens)',
    args: { role: t.arg({ type: RoleEnum }) },
    resolve: (q, _r, a) =>
      db().person.findMany({ ...q, where: a.role ? { roles: { some: { role: a.role } } } : {}, orderBy: [{ unitId: 'asc' }, { name: 'asc' }] }),
  }),
  sessions: t.prismaField({
    type: ['Session'],
    authScopes: { manager: true },
    description: 'open sessions and display tokens',
    args: { personId: t.arg.id() },
    resolve: (q, _r, a) =>
      db().session.findMany({ ...q, where: { revokedAt: null, expiresAt: { gt: new Date() }, ...(a.personId ? { personId: a.personId } : {}) }, orderBy: { createdAt: 'desc' }, take: 500 }),
  }),
  auditLog: t.prismaField({
    type: ['AuditEntry'],
    authScopes: { admin: true },
    description: 'newest first',
    args: { entityId: t.arg.string(), action: t.arg.string(), first: t.arg.int({ defaultValue: 100 }), beforeId: t.arg.int() },
    resolve: (q, _r, a) =>
      db().auditEntry.findMany({
        ...q,
        where: { ...(a.entityId ? { entityId: a.entityId } : {}), ...(a.action ? { action: { startsWith: a.action } } : {}), ...(a.beforeId ? { id: { lt: a.beforeId } } : {}) },
        orderBy: { id: 'desc' },
        take: Math.min(a.first ?? 100, 1000),
      }),
  }),
  verifyAudit: t.field({
    type: AuditVerifyRef,
    authScopes: { admin: true },
    description: 'recomputes the hash chain; names the first edited or missing row',
    resolve: () => verifyAuditChain(),
  }),
}));

builder.mutationFields((t) => ({
  saveUnit: t.prismaField({
    type: 'Unit',
    authScopes: { admin: true },
    description: 'create (no id) or update a unit, including its leader in charge',
    args: { id: t.arg.id(), input: t.arg({ type: UnitInput, required: true }) },
    resolve: async (q, _r, a, ctx) => {
      const u = await saveUnit(requireViewer(ctx.viewer), a.id ?? null, a.input, ctx.address);
      await ctx.sessions.changed(); // a new leader in charge sees the unit, the former one no longer
      return db().unit.findUniqueOrThrow({ ...q, where: { id: u.id } });
    },
  }),
  savePerson: t.prismaField({
    type: 'Person',
    authScopes: { admin: true },
    description: 'create (no id) or update an account, its roles and unit; deactivating or resetting the password ends its sessions (open connections close at once); a change of roles or unit makes them reconnect with the new grants',
    args: { id: t.arg.id(), input: t.arg({ type: PersonInput, required: true }) },
    resolve: async (q, _r, a, ctx) => {
      const p = await savePerson(requireViewer(ctx.viewer), a.id ?? null, { ...a.input, roles: a.input.roles.filter((r) => r in RoleValues) }, ctx.address);
      await ctx.sessions.changed(); // the account's open connections are ended or authorized afresh
      return db().person.findUniqueOrThrow({ ...q, where: { id: p.id } });
    },
  }),
}));

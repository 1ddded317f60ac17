import { db } from '../../db.js';
import { AppError } from '../../errors.js';
import { writeWithEvents } from '../../events/event-log.js';
import type { Viewer } from '../../context.js';
import type { Role, UnitKind } from '../../generated/sqlite/enums.js';
import { hashPassword, passwordProblem } from '../auth/password.js';
import { isAdmin } from '../auth/policy.js';
import { actor } from '../audit/actor.js';


function requireAdmin(v: Viewer) {
  if (!isAdmin(v)) throw new AppError('auth/forbidden', '只有系统管理员可以管理账号和单位');
}

export interface UnitInput {
  name: string;
  kind: UnitKind;
  leaderInChargeId?: string | null;
  sortOrder?: number | null;
  active?: boolean | null;
}

export async function saveUnit(viewer: Viewer, id: string | null, input: UnitInput, address: string | null) {
  requireAdmin(viewer);
  const name = input.name.trim();
  if (!name || [...name].length > 50) throw new AppError('input/invalid', '单位名称须为 1–50 字');
  if (input.leaderInChargeId) {
    const leader = await db().person.findUnique({ where: { id: input.leaderInChargeId }, include: { roles: true } });
    if (!leader?.roles.some((r) => r.role === 'LEADER' || r.role === 'MAIN_LEADER')) throw new AppError('input/invalid', '分管领导须为领导账号');
  }
  return writeWithEvents(async (tx, s) => {
    const before = id ? await tx.unit.findUnique({ where: { id } }) : null;
    if (id && !before) throw new AppError('unit/not_found', '单位不存在');
    const data = { name, kind: input.kind, leaderInChargeId: input.leaderInChargeId ?? null, sortOrder: input.sortOrder ?? before?.sortOrder ?? 0, active: input.active ?? before?.active ?? true };
    const unit = id ? await tx.unit.update({ where: { id }, data }) : await tx.unit.create({ data });
    s.audit({ action: id ? 'admin.unit.update' : 'admin.unit.create', ...actor(viewer), address, entityType: 'Unit', entityId: unit.id, before, after: data });
    return unit;
  });
}

export interface PersonInput {
  name: string;
  account: string;
  phone?: string | null;
  title?: string | null;
  unitId?: string | null;
  roles: Role[];
  active?: boolean | null;
  /** Set or reset the password (never stored or logged in clear). */
  password?: string | null;
}

export async function savePerson(viewer: Viewer, id: string | null, input: PersonInput, address: string | null) {
  requireAdmin(viewer);
  const name = input.name.trim();
  const account = input.account.trim();
  if (!name || [...name].length > 30) throw new AppError('input/invalid', '姓名须为 1–30 字');
  if (!/^[A-Za-z0-9_.-]{2,40}$/.test(account)) throw new AppError('input/invalid', '账号须为 2–40 位字母、数字或 _ . -');
  if (input.phone && !/^1\d{10}$/.test(input.phone.trim())) throw new AppError('input/invalid', '手机号格式不正确');
  if (input.roles.length === 0) throw new AppError('input/invalid', '至少选择一个角色');
  if (input.roles.includes('INFORMANT') && !input.unitId) throw new AppError('input/invalid', '信息员须属于一个单位');
  if (!id && !input.password) throw new AppError('input/invalid', '新账号须设置初始密码');
  if (input.password) {
    const p = passwordProblem(input.password);
    if (p) throw new AppError('input/invalid', p);
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  try {
    return await writeWithEvents(async (tx, s) => {
      const before = id ? await tx.person.findUnique({ where: { id }, include: { roles: true } }) : null;
      if (id && !before) throw new AppError('input/invalid', '账号不存在');
      const data = { name, account, phone: input.phone?.trim() || null, title: input.title?.trim() || null, unitId: input.unitId ?? null, active: input.active ?? before?.active ?? true, ...(passwordHash ? { passwordHash, passwordChangeDue: id !== viewer.personId } : {}) };
      const person = id ? await tx.person.update({ where: { id }, data }) : await tx.person.create({ data });
      await tx.personRole.deleteMany({ where: { personId: person.id } });
      await tx.personRole.createMany({ data: [...new Set(input.roles)].map((role) => ({ personId: person.id, role })) });
      // Deactivating an account or resetting its password ends its sessions.
      if ((before && data.active === false) || (before && passwordHash)) {
        await tx.session.updateMany({ where: { personId: person.id, revokedAt: null }, data: { revokedAt: new Date() } });
      }
      const redact = (p: typeof before) => p && { name: p.name, account: p.account, phone: p.phone, unitId: p.unitId, active: p.active, roles: p.roles.map((r) => r.role) };
      s.audit({
        action: id ? 'admin.person.update' : 'admin.person.create',
        ...actor(viewer),
        address,
        entityType: 'Person',
        entityId: person.id,
        before: redact(before),
        after: { name, account, phone: data.phone, unitId: data.unitId, active: data.active, roles: input.roles, passwordChanged: Boolean(passwordHash) },
      });
      return person;
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') throw new AppError('input/invalid', '账号或手机号已被使用');
    throw err;
  }
}

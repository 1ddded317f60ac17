import type { Viewer } from '../../context.js';
import { db } from '../../db.js';
import { AppError } from '../../errors.js';
import { writeWithEvents } from '../../events/event-log.js';
import { eventKinds } from '../../events/kinds.js';
import type { PeriodKind, UnitKind } from '../../generated/sqlite/enums.js';
import { monthKey, parsePeriod, PeriodError, type Period } from '../period/period.rules.js';
import { quotaRaiseProblem, quotaRuleProblem } from './quota.rules.js';
import { loadQuotaBook } from './stats.service.js';
import { actor } from '../audit/actor.js';

/** Only the office changes quotas, and only of the kinds that have them. */
const requireOffice = (viewer: Viewer, unitKind?: UnitKind) => {
  if (!viewer.roles.has('OFFICE')) throw new AppError('auth/forbidden', '只有党政办可以调整定额');
  if (unitKind === 'OFFICE') throw new AppError('input/invalid', '党政办没有报送定额', { fields: ['unitKind'] });
};

const periodOf = (key: string): Period | null => {
  try {
    return parsePeriod(key.trim());
  } catch (err) {
    if (err instanceof PeriodError) return null;
    throw err;
  }
};

/** Every raise, the latest month or quarter first, with who set it. */
export function listQuotaRaises() {
  return db().quotaRaise.findMany({ orderBy: [{ period: 'desc' }, { unitKind: 'asc' }], include: { setBy: { select: { name: true } } } });
}

export interface QuotaRaiseArgs {
  period: string;
  unitKind: UnitKind;
  minimum: number;
  reason: string;
}

/**
 * 阶段性定额: sets (or changes) the minimum of one kind of unit for a month or quarter not
 * yet over; every screen that shows a quota follows at once (QUOTA_CHANGED).
 */
export async function setQuotaRaise(viewer: Viewer, input: QuotaRaiseArgs, address: string | null, now = new Date()) {
  requireOffice(viewer, input.unitKind);
  const period = periodOf(input.period);
  const book = await loadQuotaBook();
  const standing = period && (period.kind === 'MONTH' || period.kind === 'QUARTER') ? book.rule(input.unitKind, period.kind, period.key) : null;
  const problem = quotaRaiseProblem(input, period, standing, now);
  if (problem) throw new AppError('input/invalid', problem.message, { fields: [problem.field] });
  const reason = input.reason.trim();
  return writeWithEvents(async (tx, s) => {
    const key = { period_unitKind: { period: period!.key, unitKind: input.unitKind } };
    const before = await tx.quotaRaise.findUnique({ where: key });
    const raise = await tx.quotaRaise.upsert({
      where: key,
      create: { period: period!.key, unitKind: input.unitKind, minimum: input.minimum, reason, setById: viewer.personId },
      update: { minimum: input.minimum, reason, setById: viewer.personId },
    });
    s.emit({ kind: eventKinds.QUOTA_CHANGED, entityId: raise.id });
    s.audit({
      action: before ? 'quota.raise.update' : 'quota.raise.set',
      ...actor(viewer),
      address,
      entityType: 'QuotaRaise',
      entityId: raise.id,
      before: before && { period: before.period, unitKind: before.unitKind, minimum: before.minimum, reason: before.reason },
      after: { period: raise.period, unitKind: raise.unitKind, minimum: raise.minimum, reason: raise.reason },
    });
    return raise;
  });
}

/** Takes a raise back while its month or quarter is not yet over; the kind's own minimum applies again. */
export async function removeQuotaRaise(viewer: Viewer, id: string, address: string | null, now = new Date()) {
  requireOffice(viewer);
  return writeWithEvents(async (tx, s) => {
    const raise = await tx.quotaRaise.findUnique({ where: { id } });
    if (!raise) throw new AppError('input/invalid', '这项阶段性定额已不存在');
    const period = parsePeriod(raise.period);
    if (period.end.getTime() <= now.getTime()) throw new AppError('input/invalid', `${period.label}已经结束，其定额已用于统计、公示和考核，不能再改`);
    await tx.quotaRaise.delete({ where: { id } });
    s.emit({ kind: eventKinds.QUOTA_CHANGED, entityId: id });
    s.audit({
      action: 'quota.raise.remove',
      ...actor(viewer),
      address,
      entityType: 'QuotaRaise',
      entityId: id,
      before: { period: raise.period, unitKind: raise.unitKind, minimum: raise.minimum, reason: raise.reason },
    });
    return true;
  });
}

/** Every version of the standing rules (五.2), each kind and period's latest first. */
export function listQuotaRules() {
  return db().quotaRule.findMany({ where: { active: true }, orderBy: [{ unitKind: 'asc' }, { period: 'asc' }, { effectiveFrom: 'desc' }] });
}

export interface QuotaRuleArgs {
  unitKind: UnitKind;
  period: PeriodKind;
  minimum: number;
  effectiveFrom: string;
}

/**
 * Changes a kind's standing rule from a month on (this month or later): the months
 * before keep the version they were counted by. Setting the same month again changes
 * that version; every quota screen follows at once (QUOTA_CHANGED).
 */
export async function setQuotaRule(viewer: Viewer, input: QuotaRuleArgs, address: string | null, now = new Date()) {
  requireOffice(viewer, input.unitKind);
  const problem = quotaRuleProblem(input, periodOf(input.effectiveFrom), monthKey(now));
  if (problem) throw new AppError('input/invalid', problem.message, { fields: [problem.field] });
  const effectiveFrom = input.effectiveFrom.trim();
  return writeWithEvents(async (tx, s) => {
    const key = { unitKind_period_effectiveFrom: { unitKind: input.unitKind, period: input.period, effectiveFrom } };
    const before = await tx.quotaRule.findUnique({ where: key });
    const rule = await tx.quotaRule.upsert({ where: key, create: { unitKind: input.unitKind, period: input.period, minimum: input.minimum, effectiveFrom }, update: { minimum: input.minimum, active: true } });
    s.emit({ kind: eventKinds.QUOTA_CHANGED, entityId: rule.id });
    s.audit({
      action: 'quota.rule.set',
      ...actor(viewer),
      address,
      entityType: 'QuotaRule',
      entityId: rule.id,
      before: before && { minimum: before.minimum },
      after: { unitKind: rule.unitKind, period: rule.period, minimum: rule.minimum, effectiveFrom },
    });
    return rule;
  });
}

/** Takes back a version not yet in force (from a later month than this one); the one before it goes on. */
export async function removeQuotaRule(viewer: Viewer, id: string, address: string | null, now = new Date()) {
  requireOffice(viewer);
  return writeWithEvents(async (tx, s) => {
    const rule = await tx.quotaRule.findUnique({ where: { id } });
    if (!rule) throw new AppError('input/invalid', '这项定额已不存在');
    if (rule.effectiveFrom <= monthKey(now)) throw new AppError('input/invalid', '已经开始执行的定额不能撤回；如需改变，请设置从以后某月起执行的新定额');
    await tx.quotaRule.delete({ where: { id } });
    s.emit({ kind: eventKinds.QUOTA_CHANGED, entityId: id });
    s.audit({
      action: 'quota.rule.remove',
      ...actor(viewer),
      address,
      entityType: 'QuotaRule',
      entityId: id,
      before: { unitKind: rule.unitKind, period: rule.period, minimum: rule.minimum, effectiveFrom: rule.effectiveFrom },
    });
    return true;
  });
}

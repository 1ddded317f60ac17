import { createHash, randomBytes } from 'node:crypto';
import { db } from '../../db.js';
import { AppError } from '../../errors.js';
import { writeWithEvents } from '../../events/event-log.js';
import type { Viewer } from '../../context.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { describeDevice } from './device.rules.js';
import { signInPenalty, WINDOW_MS, type Penalty } from './throttle.rules.js';
import { DISPLAY_TTL_MS, displayRenewal, seenDue, viewerInclude, viewerOf } from './viewer.js';

const SESSION_TTL_MS = 12 * 3600 * 1000;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Refuses while a password-guessing penalty locks (after `onLocked`), else waits out its delay. */
async function undergo(penalty: Penalty, lockedMessage: (minutes: number) => string, onLocked?: () => Promise<unknown>) {
  if (penalty.lockedUntil) {
    const minutes = Math.ceil((penalty.lockedUntil.getTime() - Date.now()) / 60_000);
    await onLocked?.();
    throw new AppError('auth/locked', lockedMessage(minutes), { retryAfterSeconds: minutes * 60 });
  }
  if (penalty.delayMs) await new Promise((r) => setTimeout(r, penalty.delayMs));
}

/** Signs in by account name or phone number; returns a bearer token. */
export async function signIn(login: string, password: string, address: string | null, userAgent: string | null = null) {
  const since = new Date(Date.now() - WINDOW_MS);
  const failures = await db().auditEntry.findMany({
    where: { action: 'auth.sign_in_failed', at: { gte: since }, OR: [{ entityId: login }, ...(address ? [{ address }] : [])] },
    select: { at: true, entityId: true, address: true },
  });
  const penalty = signInPenalty(
    failures.filter((f) => f.entityId === login).map((f) => f.at),
    address ? failures.filter((f) => f.address === address).map((f) => f.at) : [],
    new Date(),
  );
  await undergo(penalty, (minutes) => `登录失败次数过多，请 ${minutes} 分钟后再试`, () =>
    writeWithEvents(async (_tx, s) => s.audit({ action: 'auth.sign_in_locked', address, entityType: 'Login', entityId: login })),
  );
  const person = await db().person.findFirst({
    where: { OR: [{ account: login }, { phone: login }], active: true },
    include: { roles: true },
  });
  const ok = person?.passwordHash ? await verifyPassword(password, person.passwordHash) : false;
  if (!person || !ok) {
    await writeWithEvents(async (_tx, s) => s.audit({ action: 'auth.sign_in_failed', address, entityType: 'Login', entityId: login }));
    throw new AppError('auth/bad_credentials', '账号或密码错误');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await writeWithEvents(async (tx, s) => {
    const session = await tx.session.create({ data: { personId: person.id, tokenHash: tokenHash(token), expiresAt, device: describeDevice(userAgent) } });
    s.audit({
      action: 'auth.sign_in',
      actorId: person.id,
      actorRoles: person.roles.map((r) => r.role).join(','),
      address,
      entityType: 'Session',
      entityId: session.id,
    });
  });
  return { token, personId: person.id, expiresAt };
}

/** Sessions used since the last `flushSeenSessions`, whose last use is due to be noted. */
const seenPending = new Set<string>();

/**
 * The signed-in person behind a bearer token, or null if unknown, expired or revoked.
 * On the way, a wall-display token in use is renewed (see `displayRenewal`), and the
 * session's last use is put down to be noted (see `flushSeenSessions`).
 */
export async function resolveViewer(token: string): Promise<Viewer | null> {
  const session = await db().session.findUnique({ where: { tokenHash: tokenHash(token) }, include: viewerInclude });
  if (!session) return null;
  const now = new Date();
  const viewer = viewerOf(session, now);
  if (!viewer) return null;
  if (seenDue(session, now)) seenPending.add(session.id);
  const renewed = displayRenewal(session, now);
  if (renewed) {
    // not revoked in the meantime: a revocation always wins
    const { count } = await db().session.updateMany({ where: { id: session.id, revokedAt: null }, data: { expiresAt: renewed } });
    if (count === 1) viewer.expiresAt = renewed;
  }
  return viewer;
}

/**
 * Notes the last use of the sessions used since the last call, in one statement per
 * 500 of them, not a write per request: a storm of reconnections (a restart with
 * thousands of phones open) costs a write or two. The server calls it every minute
 * (`SESSION_SEEN_FLUSH_MS`) and once more when it stops. On failure the sessions are
 * put down again at their next use.
 */
export async function flushSeenSessions(now = new Date()): Promise<number> {
  if (seenPending.size === 0) return 0;
  const ids = [...seenPending];
  seenPending.clear();
  for (let i = 0; i < ids.length; i += 500) {
    await db().session.updateMany({ where: { id: { in: ids.slice(i, i + 500) }, revokedAt: null }, data: { lastSeenAt: now } });
  }
  return ids.length;
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new AppError('auth/unauthenticated', '请先登录');
  return viewer;
}

/** Ends the current session; the caller closes its open connections (see SessionWatch). */
export async function signOut(viewer: Viewer, address: string | null) {
  await writeWithEvents(async (tx, s) => {
    await tx.session.update({ where: { id: viewer.sessionId }, data: { revokedAt: new Date() } });
    s.audit({ action: 'auth.sign_out', actorId: viewer.personId, actorRoles: [...viewer.roles].join(','), address, entityType: 'Session', entityId: viewer.sessionId });
  });
  return true;
}

/**
 * A wall-display token: long-lived (a year, renewed while the display runs) so the
 * duty room is never logged out at 3 a.m., revocable at any time, and read-only
 * whatever its creator may do.
 * It belongs to the account that the display runs as (a DUTY account).
 */
export async function createDisplayToken(viewer: Viewer, personId: string, label: string, address: string | null) {
  if (!viewer.roles.has('ADMIN') && !viewer.roles.has('OFFICE')) throw new AppError('auth/forbidden', '只有管理员或党政办可以签发大屏令牌');
  const person = await db().person.findUnique({ where: { id: personId }, include: { roles: true } });
  if (!person || !person.roles.some((r) => r.role === 'DUTY')) throw new AppError('input/invalid', '大屏令牌只能签发给值班室账号 (DUTY)');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + DISPLAY_TTL_MS);
  const session = await writeWithEvents(async (tx, s) => {
    const created = await tx.session.create({ data: { personId, kind: 'DISPLAY', tokenHash: tokenHash(token), label: label.trim().slice(0, 50) || '值班室大屏', expiresAt } });
    s.audit({ action: 'auth.display_token', actorId: viewer.personId, actorRoles: [...viewer.roles].join(','), address, entityType: 'Session', entityId: created.id, after: { personId, label } });
    return created;
  });
  return { token, sessionId: session.id, expiresAt };
}

/** Revokes a session (a user's or a display token); the caller closes its open connections (see SessionWatch). */
export async function revokeSession(viewer: Viewer, sessionId: string, address: string | null) {
  if (!viewer.roles.has('ADMIN') && !viewer.roles.has('OFFICE')) throw new AppError('auth/forbidden', '只有管理员或党政办可以吊销会话');
  await writeWithEvents(async (tx, s) => {
    const session = await tx.session.findUnique({ where: { id: sessionId } });
    if (!session) throw new AppError('input/invalid', '会话不存在');
    await tx.session.update({ where: { id: sessionId }, data: { revokedAt: session.revokedAt ?? new Date() } });
    s.audit({ action: 'auth.revoke', actorId: viewer.personId, actorRoles: [...viewer.roles].join(','), address, entityType: 'Session', entityId: sessionId });
  });
  return true;
}

/**
 * 修改密码: the signed-in person sets a new password by giving the current one. Their
 * other sign-ins (a phone left somewhere, a colleague's PC) end; this one stays, and so
 * do wall-display tokens, which no password opens. A wrong current password counts
 * towards the same slowing down and lock-out as signing in, so a session left open is
 * no way to guess the password. Returns how many other sign-ins were ended; the caller
 * closes their connections (see SessionWatch).
 */
export async function changePassword(viewer: Viewer, current: string, next: string, address: string | null): Promise<number> {
  if (viewer.kind === 'DISPLAY') throw new AppError('auth/forbidden', '大屏令牌不能修改密码');
  const since = new Date(Date.now() - WINDOW_MS);
  const failures = await db().auditEntry.findMany({
    where: { action: 'auth.password_change_failed', entityId: viewer.personId, at: { gte: since } },
    select: { at: true },
  });
  await undergo(signInPenalty(failures.map((f) => f.at), [], new Date()), (minutes) => `当前密码输错次数过多，请 ${minutes} 分钟后再试`);
  const person = await db().person.findUnique({ where: { id: viewer.personId }, select: { passwordHash: true } });
  if (!person?.passwordHash || !(await verifyPassword(current, person.passwordHash))) {
    await writeWithEvents(async (_tx, s) =>
      s.audit({ action: 'auth.password_change_failed', actorId: viewer.personId, actorRoles: [...viewer.roles].join(','), address, entityType: 'Person', entityId: viewer.personId }),
    );
    throw new AppError('auth/bad_credentials', '当前密码不正确');
  }
  const problem = passwordProblem(next);
  if (problem) throw new AppError('input/invalid', problem);
  if (next === current) throw new AppError('input/invalid', '新密码不能与当前密码相同');
  const passwordHash = await hashPassword(next);
  return writeWithEvents(async (tx, s) => {
    await tx.person.update({ where: { id: viewer.personId }, data: { passwordHash, passwordChangeDue: false } });
    const { count } = await tx.session.updateMany({
      where: { personId: viewer.personId, kind: 'USER', revokedAt: null, id: { not: viewer.sessionId } },
      data: { revokedAt: new Date() },
    });
    s.audit({
      action: 'auth.password_change',
      actorId: viewer.personId,
      actorRoles: [...viewer.roles].join(','),
      address,
      entityType: 'Person',
      entityId: viewer.personId,
      after: { otherSessionsEnded: count },
    });
    return count;
  });
}

/** This person's sign-ins still open (not a wall's display tokens; none for a display token itself). */
export function mySessionsWhere(viewer: Viewer) {
  if (viewer.kind === 'DISPLAY') return { id: { in: [] as string[] } };
  return { personId: viewer.personId, kind: 'USER' as const, revokedAt: null, expiresAt: { gt: new Date() } };
}

/**
 * Ends one of this person's own sign-ins (退出该设备: a phone lost or left logged in),
 * as the administrator's revocation would; the caller closes its connections.
 */
export async function endMySession(viewer: Viewer, sessionId: string, address: string | null) {
  if (viewer.kind === 'DISPLAY') throw new AppError('auth/forbidden', '大屏令牌不能管理登录设备');
  await writeWithEvents(async (tx, s) => {
    const session = await tx.session.findUnique({ where: { id: sessionId } });
    if (!session || session.personId !== viewer.personId || session.kind !== 'USER') throw new AppError('input/invalid', '没有这个登录设备');
    await tx.session.update({ where: { id: sessionId }, data: { revokedAt: session.revokedAt ?? new Date() } });
    s.audit({ action: 'auth.revoke', actorId: viewer.personId, actorRoles: [...viewer.roles].join(','), address, entityType: 'Session', entityId: sessionId });
  });
  return true;
}

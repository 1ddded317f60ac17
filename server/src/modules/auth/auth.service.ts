import { createHash, randomBytes } from 'node:crypto';
import { db } from '../../db.js';
import { AppError } from '../../errors.js';
import { writeWithEvents } from '../../events/event-log.js';
import type { Viewer } from '../../context.js';
import { verifyPassword } from './password.js';

const SESSION_TTL_MS = 12 * 3600 * 1000;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Signs in by account name or phone number; returns a bearer token. */
export async function signIn(login: string, password: string, address: string | null) {
  const person = await db().person.findFirst({
    where: { OR: [{ account: login }, { phone: login }], active: true },
    include: { roles: true },
  });
  const ok = person?.passwordHash ? await verifyPassword(password, person.passwordHash) : false;
  if (!person || !ok) {
    await writeWithEvents(async (_tx, s) => s.audit({ action: 'auth.sign_in_failed', address, after: { login } }));
    throw new AppError('auth/bad_credentials', '账号或密码错误');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await writeWithEvents(async (tx, s) => {
    const session = await tx.session.create({ data: { personId: person.id, tokenHash: tokenHash(token), expiresAt } });
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

/** The signed-in person behind a bearer token, or null if unknown, expired or revoked. */
export async function resolveViewer(token: string): Promise<Viewer | null> {
  const session = await db().session.findUnique({
    where: { tokenHash: tokenHash(token) },
    include: { person: { include: { roles: true } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= new Date() || !session.person.active) return null;
  return {
    personId: session.personId,
    name: session.person.name,
    unitId: session.person.unitId,
    roles: new Set(session.person.roles.map((r) => r.role)),
    sessionId: session.id,
  };
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new AppError('auth/unauthenticated', '请先登录');
  return viewer;
}

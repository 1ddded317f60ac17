import { randomBytes } from 'node:crypto';
import { db } from '../../server/src/db.js';
import { tokenHash } from '../../server/src/modules/auth/auth.service.js';

export interface Fixture {
  units: { office: string; dept: string; village: string };
  people: { office: string; infDept: string; infVillage: string; leader: string; mainLeader: string; duty: string; admin: string };
  tokens: { office: string; infDept: string; infVillage: string; leader: string; mainLeader: string; display: string; admin: string };
}

/** A session of an hour (or `ttlMs`) for `personId`, made straight in the database: its bearer token and id. */
export async function newSession(personId: string, kind: 'USER' | 'DISPLAY' = 'USER', ttlMs = 3600_000): Promise<{ token: string; sessionId: string }> {
  const token = randomBytes(24).toString('base64url');
  const s = await db().session.create({ data: { personId, kind, tokenHash: tokenHash(token), expiresAt: new Date(Date.now() + ttlMs) } });
  return { token, sessionId: s.id };
}

const session = async (personId: string, kind: 'USER' | 'DISPLAY' = 'USER') => (await newSession(personId, kind)).token;

/**
 * Setup for most tests: the office, one department and one village, each with
 * a person signed in. Sessions are written directly (no scrypt), so it is fast.
 */
export async function createFixture(): Promise<Fixture> {
  const c = db();
  await c.quotaRule.createMany({
    data: [
      { unitKind: 'DEPARTMENT', period: 'MONTH', minimum: 5 },
      { unitKind: 'COMMUNITY', period: 'MONTH', minimum: 5 },
      { unitKind: 'VILLAGE', period: 'QUARTER', minimum: 15 },
      { unitKind: 'COMMUNITY', period: 'QUARTER', minimum: 15 },
    ],
  });
  const leader = await c.person.create({ data: { name: '钱立新', account: 'leader', roles: { create: { role: 'LEADER' } } } });
  const mainLeader = await c.person.create({ data: { name: '赵建国', account: 'main', roles: { create: { role: 'MAIN_LEADER' } } } });
  const duty = await c.person.create({ data: { name: '值班室', account: 'duty', roles: { create: { role: 'DUTY' } } } });
  const admin = await c.person.create({ data: { name: '管理员', account: 'admin', roles: { create: { role: 'ADMIN' } } } });
  const office = await c.unit.create({ data: { name: '党政办', kind: 'OFFICE', sortOrder: 0 } });
  const dept = await c.unit.create({ data: { name: '经济发展办公室', kind: 'DEPARTMENT', sortOrder: 1, leaderInChargeId: leader.id } });
  const village = await c.unit.create({ data: { name: '李家村', kind: 'VILLAGE', sortOrder: 2, leaderInChargeId: leader.id } });
  const mk = (name: string, account: string, unitId: string, role: 'OFFICE' | 'INFORMANT') =>
    c.person.create({ data: { name, account, unitId, roles: { create: { role } } } });
  const officePerson = await mk('陈静', 'office', office.id, 'OFFICE');
  const infDept = await mk('王伟', 'inf-dept', dept.id, 'INFORMANT');
  const infVillage = await mk('李芳', 'inf-village', village.id, 'INFORMANT');
  return {
    units: { office: office.id, dept: dept.id, village: village.id },
    people: { office: officePerson.id, infDept: infDept.id, infVillage: infVillage.id, leader: leader.id, mainLeader: mainLeader.id, duty: duty.id, admin: admin.id },
    tokens: {
      office: await session(officePerson.id),
      infDept: await session(infDept.id),
      infVillage: await session(infVillage.id),
      leader: await session(leader.id),
      mainLeader: await session(mainLeader.id),
      display: await session(duty.id, 'DISPLAY'),
      admin: await session(admin.id),
    },
  };
}

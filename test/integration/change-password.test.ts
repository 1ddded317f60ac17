import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { appendAudit } from '../../server/src/modules/audit/audit.service.js';
import { hashPassword } from '../../server/src/modules/auth/password.js';
import { createFixture, newSession, type Fixture } from '../helpers/fixtures.js';
import { ackedSocket, gql } from '../helpers/graphql.js';
import { startServer, type TestServer } from '../helpers/server.js';

// 修改密码: a person changes their own password by giving the current one. Their other
// sign-ins end at once (a phone left in a meeting room), the one they changed it from
// stays, and a wall's display token is not touched. The sweep runs once a minute here,
// so only an immediate close passes.

let srv: TestServer;
let fx: Fixture;

beforeAll(async () => {
  srv = await startServer({ SESSION_SWEEP_MS: '60000' });
  fx = await createFixture();
});
afterAll(() => srv.stop());

const CHANGE = 'mutation($c: String!, $n: String!) { changePassword(current: $c, next: $n) }';
const SIGN_IN = 'mutation($l: String!, $p: String!) { signIn(login: $l, password: $p) { token } }';
const WHO = '{ viewer { id } }';

it('changes the password: the old one no longer signs in, the other sign-ins end at once, this one stays', async () => {
  // Setup: the department's informant with a password, signed in on this PC and on a phone
  await db().person.update({ where: { id: fx.people.infDept }, data: { passwordHash: await hashPassword('old-secret-1') } });
  const pc = (await gql(srv.url, SIGN_IN, { l: 'inf-dept', p: 'old-secret-1' })).data.signIn.token as string;
  const phone = await newSession(fx.people.infDept);
  const phoneSocket = await ackedSocket(srv.wsUrl, phone.token);

  // refused, and nothing changed: wrong current password, a weak new one, the same one again
  const wrong = await gql(srv.url, CHANGE, { c: 'not-it-123', n: 'new-secret-2' }, pc);
  expect(wrong.errors?.[0]).toMatchObject({ message: '当前密码不正确', extensions: { code: 'auth/bad_credentials' } });
  expect((await gql(srv.url, CHANGE, { c: 'old-secret-1', n: 'short1' }, pc)).errors?.[0]?.message).toBe('密码至少 10 位');
  expect((await gql(srv.url, CHANGE, { c: 'old-secret-1', n: 'onlyletters' }, pc)).errors?.[0]?.message).toBe('密码须同时包含字母和数字');
  expect((await gql(srv.url, CHANGE, { c: 'old-secret-1', n: 'old-secret-1' }, pc)).errors?.[0]?.message).toBe('新密码不能与当前密码相同');
  expect((await gql(srv.url, WHO, {}, phone.token)).data.viewer.id).toBe(fx.people.infDept);
  expect((await gql(srv.url, SIGN_IN, { l: 'inf-dept', p: 'old-secret-1' })).data?.signIn.token).toBeTruthy();

  // Action
  const t0 = Date.now();
  const changed = await gql(srv.url, CHANGE, { c: 'old-secret-1', n: 'new-secret-2' }, pc);

  // Assert: the fixture's session, the phone's and the second sign-in above ended; this one kept
  expect(changed.errors).toBeUndefined();
  expect(changed.data.changePassword).toBe(3);
  expect((await phoneSocket.closed).code).toBe(4403);
  expect(Date.now() - t0).toBeLessThan(2_000);
  expect((await gql(srv.url, WHO, {}, phone.token)).data.viewer).toBeNull();
  expect((await gql(srv.url, WHO, {}, fx.tokens.infDept)).data.viewer).toBeNull();
  expect((await gql(srv.url, WHO, {}, pc)).data.viewer.id).toBe(fx.people.infDept);
  expect((await gql(srv.url, SIGN_IN, { l: 'inf-dept', p: 'old-secret-1' })).errors?.[0]?.extensions?.code).toBe('auth/bad_credentials');
  expect((await gql(srv.url, SIGN_IN, { l: 'inf-dept', p: 'new-secret-2' })).data?.signIn.token).toBeTruthy();

  // the audit trail names the change and the failed attempt, never the passwords
  const audit = await db().auditEntry.findMany({ where: { entityId: fx.people.infDept, action: { startsWith: 'auth.password_change' } }, orderBy: { id: 'asc' } });
  expect(audit.map((a) => a.action)).toEqual(['auth.password_change_failed', 'auth.password_change']);
  expect(JSON.stringify(audit)).not.toMatch(/secret/);
});

it('leaves the wall running: a duty account changing its password keeps its display tokens', async () => {
  await db().person.update({ where: { id: fx.people.duty }, data: { passwordHash: await hashPassword('duty-pass-1') } });
  const desk = (await gql(srv.url, SIGN_IN, { l: 'duty', p: 'duty-pass-1' })).data.signIn.token as string;
  const wall = await ackedSocket(srv.wsUrl, fx.tokens.display);
  expect((await gql(srv.url, CHANGE, { c: 'duty-pass-1', n: 'duty-pass-2' }, desk)).data.changePassword).toBe(0);
  expect((await gql(srv.url, '{ eventSeq }', {}, fx.tokens.display)).errors).toBeUndefined();
  expect(wall.ws.readyState).toBe(wall.ws.OPEN);
  // and the display token itself changes no password
  expect((await gql(srv.url, CHANGE, { c: 'duty-pass-2', n: 'duty-pass-3' }, fx.tokens.display)).errors?.[0]?.extensions?.code).toBe('auth/forbidden');
  wall.ws.close();
});

it('counts wrong current passwords like failed sign-ins: after eight in a quarter of an hour it locks, even for the right one', async () => {
  await db().person.update({ where: { id: fx.people.leader }, data: { passwordHash: await hashPassword('leader-pw-1') } });
  const leader = (await gql(srv.url, SIGN_IN, { l: 'leader', p: 'leader-pw-1' })).data.signIn.token as string;
  await db().$transaction(async (tx) =>
    appendAudit(tx, Array.from({ length: 8 }, () => ({ action: 'auth.password_change_failed' as const, entityType: 'Person', entityId: fx.people.leader }))),
  );
  const locked = await gql(srv.url, CHANGE, { c: 'leader-pw-1', n: 'leader-pw-2' }, leader);
  expect(locked.errors?.[0]).toMatchObject({ extensions: { code: 'auth/locked' }, message: expect.stringMatching(/当前密码输错次数过多，请 1[45] 分钟后再试/) });
  expect((await gql(srv.url, SIGN_IN, { l: 'leader', p: 'leader-pw-2' })).errors?.[0]?.extensions?.code).toBe('auth/bad_credentials');
});

it('a password an administrator sets (a new account, a reset) is due to be changed by the person; their own change, or the admin’s own, is not', async () => {
  const SAVE = 'mutation($id: ID, $input: PersonInput!) { savePerson(id: $id, input: $input) { id passwordChangeDue } }';
  const input = { name: '周晓梅', account: 'zhouxm', roles: ['INFORMANT'], unitId: fx.units.village, password: 'given-by-admin-1' };
  const created = await gql(srv.url, SAVE, { input }, fx.tokens.admin);
  expect(created.errors).toBeUndefined();
  const id = created.data.savePerson.id as string;
  expect(created.data.savePerson.passwordChangeDue).toBe(true);

  // she sees it herself (her screens send her to change it first), and changes it
  const token = (await gql(srv.url, SIGN_IN, { l: 'zhouxm', p: 'given-by-admin-1' })).data.signIn.token as string;
  expect((await gql(srv.url, '{ viewer { passwordChangeDue } }', {}, token)).data.viewer.passwordChangeDue).toBe(true);
  expect((await gql(srv.url, CHANGE, { c: 'given-by-admin-1', n: 'only-mine-2026' }, token)).errors).toBeUndefined();
  expect((await gql(srv.url, '{ viewer { passwordChangeDue } }', {}, token)).data.viewer.passwordChangeDue).toBe(false);
  // an edit that leaves the password alone leaves it so; a reset makes it due again
  expect((await gql(srv.url, SAVE, { id, input: { ...input, password: undefined, title: '信息员' } }, fx.tokens.admin)).data.savePerson.passwordChangeDue).toBe(false);
  expect((await gql(srv.url, SAVE, { id, input: { ...input, password: 'reset-by-admin-3' } }, fx.tokens.admin)).data.savePerson.passwordChangeDue).toBe(true);
  // not visible to another informant
  const other = await gql(srv.url, '{ people { id passwordChangeDue } }', {}, fx.tokens.infVillage);
  expect(other.errors?.[0]?.extensions?.code).toBe('auth/forbidden');

  // the administrator setting their own password chose it: nothing is due
  const adminInput = { name: '管理员', account: 'admin', roles: ['ADMIN'], password: 'admin-own-pw-4' };
  expect((await gql(srv.url, SAVE, { id: fx.people.admin, input: adminInput }, fx.tokens.admin)).data?.savePerson.passwordChangeDue).toBe(false);
});

it('lists a person’s own sign-ins by device and ends one of them (a phone left signed in), closing its connections; not another person’s', async () => {
  await db().person.update({ where: { id: fx.people.mainLeader }, data: { passwordHash: await hashPassword('main-pw-123') } });
  const signInFrom = async (ua: string) => {
    const res = await fetch(srv.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': ua },
      body: JSON.stringify({ query: SIGN_IN, variables: { l: 'main', p: 'main-pw-123' } }),
    });
    return ((await res.json()) as { data: { signIn: { token: string } } }).data.signIn.token;
  };
  const pc = await signInFrom('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0');
  const phone = await signInFrom('Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2d) NetType/WIFI Language/zh_CN');
  const phoneSocket = await ackedSocket(srv.wsUrl, phone);

  const MINE = '{ mySessions { id device current } }';
  const mine = (await gql(srv.url, MINE, {}, pc)).data.mySessions as { id: string; device: string | null; current: boolean }[];
  // newest first, the fixture's own session (no browser) last; no display token of anyone's
  expect(mine.map((s) => [s.device, s.current])).toEqual([
    ['iPhone · 微信', false],
    ['Windows 电脑 · Edge', true],
    [null, false],
  ]);

  // someone else's sign-in is not one's own to end, nor is it listed
  const others = (await gql(srv.url, MINE, {}, fx.tokens.office)).data.mySessions as { id: string }[];
  expect(others.some((s) => mine.some((m) => m.id === s.id))).toBe(false);
  const notMine = await gql(srv.url, 'mutation($id: ID!) { endMySession(sessionId: $id) }', { id: mine[0]!.id }, fx.tokens.office);
  expect(notMine.errors?.[0]).toMatchObject({ message: '没有这个登录设备', extensions: { code: 'input/invalid' } });
  expect((await gql(srv.url, WHO, {}, phone)).data.viewer.id).toBe(fx.people.mainLeader);

  // Action: ended from the PC
  const t0 = Date.now();
  const ended = await gql(srv.url, 'mutation($id: ID!) { endMySession(sessionId: $id) }', { id: mine[0]!.id }, pc);

  // Assert: the phone is signed out at once; the PC is not; the list no longer has it
  expect(ended.errors).toBeUndefined();
  expect((await phoneSocket.closed).code).toBe(4403);
  expect(Date.now() - t0).toBeLessThan(2_000);
  expect((await gql(srv.url, WHO, {}, phone)).data.viewer).toBeNull();
  expect((await gql(srv.url, WHO, {}, pc)).data.viewer.id).toBe(fx.people.mainLeader);
  expect(((await gql(srv.url, MINE, {}, pc)).data.mySessions as unknown[]).length).toBe(2);
  // a wall's token has no sign-ins of its own to list
  expect((await gql(srv.url, MINE, {}, fx.tokens.display)).data.mySessions).toEqual([]);
});

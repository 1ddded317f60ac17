import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { appendAudit } from '../../server/src/modules/audit/audit.service.js';
import { hashPassword } from '../../server/src/modules/auth/password.js';
import { createFixture, newSession, type Fixture } from '../helpers/fixtures.js';
import { gql, subscribeSse, subscribeWs, wsClient } from '../helpers/graphql.js';
import { startServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let fx: Fixture;

beforeAll(async () => {
  // A short sweep so the test is quick; production sweeps every 20 s (< 60 s).
  srv = await startServer({ SESSION_SWEEP_MS: '300' });
  fx = await createFixture();
});
afterAll(() => srv.stop());


describe('revocation reaches open subscriptions', () => {
  it('revoking a display token closes its WebSocket (4403) and ends its SSE stream', async () => {
    const { token, sessionId } = await newSession(fx.people.duty, 'DISPLAY');

    const closed = new Promise<number>((resolve) => {
      const ws = new WebSocket(srv.wsUrl, 'graphql-transport-ws');
      ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
      ws.on('message', (m) => {
        const msg = JSON.parse(String(m));
        if (msg.type === 'connection_ack') ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { events { seq } }' } }));
      });
      ws.on('close', (code) => resolve(code));
    });
    const sse = subscribeSse(srv.url, {}, token);
    await new Promise((r) => setTimeout(r, 500));

    const t0 = Date.now();
    await gql(srv.url, 'mutation($id: ID!) { revokeSession(sessionId: $id) }', { id: sessionId }, fx.tokens.office);
    expect(await closed).toBe(4403);
    await sse.collector.until(() => sse.collector.completed, 5_000);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect((await gql(srv.url, '{ eventSeq }', {}, token)).errors?.[0]?.extensions?.code).toBe('auth/unauthenticated');
  });

  it('deactivating an account ends its sessions', async () => {
    const person = await db().person.create({ data: { name: '临时', account: 'tmp', unitId: fx.units.dept, roles: { create: { role: 'INFORMANT' } } } });
    const { token } = await newSession(person.id);
    const c = wsClient(srv.wsUrl, token);
    const s = subscribeWs(c, { afterSeq: 0 });
    const res = await gql(
      srv.url,
      'mutation($id: ID!, $i: PersonInput!) { savePerson(id: $id, input: $i) { id } }',
      { id: person.id, i: { name: '临时', account: 'tmp', unitId: fx.units.dept, roles: ['INFORMANT'], active: false } },
      fx.tokens.admin,
    );
    expect(res.errors).toBeUndefined();
    await s.collector.until(() => s.collector.completed || s.collector.errors.length > 0, 5_000);
    expect((await gql(srv.url, '{ items { id } }', {}, token)).errors?.[0]?.extensions?.code).toBe('auth/unauthenticated');
    await c.dispose();
  });
});

describe('hostile queries', () => {
  it.each([
    ['deeply nested', `{ items { unit { leaderInCharge { unit { leaderInCharge { unit { leaderInCharge { unit { leaderInCharge { unit { leaderInCharge { unit { leaderInCharge { unit { id } } } } } } } } } } } } } }`],
    ['an alias bomb', `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: serverTime`).join(' ')} }`],
    ['oversized', `{ serverTime ${'__typename '.repeat(50_000)} }`],
    ['directive flood', `{ serverTime ${'@skip(if: false) '.repeat(100)} }`],
  ])('refuses %s quickly, with flat memory', async (_name, query) => {
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) {
      const r = await gql(srv.url, query, undefined, fx.tokens.office);
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.length).toBeGreaterThan(0);
    }
    expect((performance.now() - t0) / 10).toBeLessThan(500);
    // Server and test share this process: ten refusals must not leave megabytes behind.
    global.gc?.();
    expect(process.memoryUsage().heapUsed - heap0).toBeLessThan(50 * 1024 * 1024);
  });

  it('gives no field suggestions', async () => {
    const r = await gql(srv.url, '{ item { titl } }', undefined, fx.tokens.office);
    expect(JSON.stringify(r.errors)).not.toMatch(/Did you mean/);
  });
});

describe('cross-site requests', () => {
  const form = () => {
    const fd = new FormData();
    fd.set('operations', JSON.stringify({ query: 'mutation { signOut }' }));
    fd.set('map', '{}');
    return fd;
  };
  it('refuses a multipart request without the CSRF header', async () => {
    const res = await fetch(srv.url, { method: 'POST', body: form(), headers: { origin: 'http://evil.example', authorization: `Bearer ${fx.tokens.leader}` } });
    expect(res.status).toBe(403);
    // The session survived.
    expect((await gql(srv.url, '{ eventSeq }', {}, fx.tokens.leader)).errors).toBeUndefined();
  });
  it('refuses a WebSocket from another site, accepts one from its own', async () => {
    const attempt = (origin: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(srv.wsUrl, 'graphql-transport-ws', { headers: { origin } });
        ws.on('open', () => {
          ws.close();
          resolve('open');
        });
        ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        ws.on('error', () => resolve('error'));
      });
    expect(await attempt('http://evil.example')).toBe('403');
    expect(await attempt(`http://127.0.0.1:${srv.port}`)).toBe('open');
  });
});

describe('sign-in', () => {
  it('locks an account after repeated failures, even for the right password', async () => {
    await db().person.create({ data: { name: '冯丽', account: 'locked-office', passwordHash: await hashPassword('Correct-horse-1'), roles: { create: { role: 'OFFICE' } } } });
    const ok = await gql(srv.url, 'mutation { signIn(login: "locked-office", password: "Correct-horse-1") { token } }');
    expect(ok.data?.signIn.token).toBeTruthy();
    await db().$transaction(async (tx) =>
      appendAudit(tx, Array.from({ length: 8 }, () => ({ action: 'auth.sign_in_failed', entityType: 'Login', entityId: 'locked-office' }))),
    );
    const locked = await gql(srv.url, 'mutation { signIn(login: "locked-office", password: "Correct-horse-1") { token } }');
    expect(locked.errors?.[0]).toMatchObject({ extensions: { code: 'auth/locked' }, message: expect.stringMatching(/登录失败次数过多，请 1[45] 分钟后再试/) });
  });
});

describe('audit trail', () => {
  it('verifies, and names the row after one is edited in the database', async () => {
    const ok = await gql(srv.url, '{ verifyAudit { ok checked brokenAt } }', {}, fx.tokens.admin);
    expect(ok.data.verifyAudit.ok).toBe(true);
    expect(ok.data.verifyAudit.checked).toBeGreaterThan(5);
    const victim = await db().auditEntry.findFirstOrThrow({ where: { action: 'auth.revoke' } });
    await db().$executeRawUnsafe(`UPDATE "AuditEntry" SET "address" = '10.0.0.1' WHERE "id" = ${victim.id}`);
    const bad = await gql(srv.url, '{ verifyAudit { ok brokenAt reason } }', {}, fx.tokens.admin);
    expect(bad.data.verifyAudit).toEqual({ ok: false, brokenAt: victim.id, reason: expect.stringContaining('被修改') });
    await db().$executeRawUnsafe(`UPDATE "AuditEntry" SET "address" = ${victim.address === null ? 'NULL' : `'${victim.address}'`} WHERE "id" = ${victim.id}`);
    const deleted = await db().auditEntry.findFirstOrThrow({ where: { id: { gt: victim.id } }, orderBy: { id: 'asc' } });
    await db().$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE "id" = ${deleted.id}`);
    const gap = await gql(srv.url, '{ verifyAudit { ok brokenAt reason } }', {}, fx.tokens.admin);
    expect(gap.data.verifyAudit).toMatchObject({ ok: false, reason: expect.stringContaining('链接断开') });
  });
});

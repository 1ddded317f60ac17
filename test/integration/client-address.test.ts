import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { appendAudit } from '../../server/src/modules/audit/audit.service.js';
import { hashPassword } from '../../server/src/modules/auth/password.js';
import { startServer, type TestServer } from '../helpers/server.js';

// Who is asking, as the audit trail and the per-address lock-out see it, on a server
// with no proxy in front (one office PC): the socket's peer. A client writing
// X-Forwarded-For names nobody else by it, and cannot slip the lock-out with it.

let srv: TestServer;

beforeAll(async () => {
  srv = await startServer();
  await db().person.create({ data: { name: '冯丽', account: 'fengli', passwordHash: await hashPassword('Correct-horse-1'), roles: { create: { role: 'OFFICE' } } } });
});
afterAll(() => srv.stop());

const signIn = async (password: string, headers: Record<string, string> = {}) => {
  const res = await fetch(srv.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: 'mutation($p: String!) { signIn(login: "fengli", password: $p) { token } }', variables: { p: password } }),
  });
  return (await res.json()) as { data?: { signIn: { token: string } } | null; errors?: { extensions?: { code?: string } }[] };
};

it('records the socket’s peer, not what X-Forwarded-For claims', async () => {
  await signIn('wrong-guess-1', { 'x-forwarded-for': '198.51.100.66' });
  const ok = await signIn('Correct-horse-1', { 'x-forwarded-for': '198.51.100.77' });
  expect(ok.data?.signIn.token).toBeTruthy();
  const rows = await db().auditEntry.findMany({ where: { action: { in: ['auth.sign_in_failed', 'auth.sign_in'] } }, orderBy: { id: 'asc' } });
  expect(rows.map((r) => [r.action, r.address])).toEqual([
    ['auth.sign_in_failed', '127.0.0.1'],
    ['auth.sign_in', '127.0.0.1'],
  ]);
});

it('locks an address out after thirty failures, across accounts, and a forged X-Forwarded-For does not get round it', async () => {
  await db().$transaction(async (tx) =>
    appendAudit(tx, Array.from({ length: 30 }, (_, i) => ({ action: 'auth.sign_in_failed' as const, entityType: 'Login', entityId: `guess-${i}`, address: '127.0.0.1' }))),
  );
  expect((await signIn('Correct-horse-1')).errors?.[0]?.extensions?.code).toBe('auth/locked');
  expect((await signIn('Correct-horse-1', { 'x-forwarded-for': '203.0.113.5' })).errors?.[0]?.extensions?.code).toBe('auth/locked');
});

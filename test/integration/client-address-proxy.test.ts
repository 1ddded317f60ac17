import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { startServer, type TestServer } from '../helpers/server.js';

// Behind one reverse proxy (TRUST_PROXY=1, as docs/deploy's nginx): the client is the
// address the proxy appended to X-Forwarded-For, not anything the client wrote before it.

let srv: TestServer;

beforeAll(async () => {
  srv = await startServer({ TRUST_PROXY: '1' });
});
afterAll(() => srv.stop());

const failSignIn = (headers: Record<string, string>) =>
  fetch(srv.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: 'mutation { signIn(login: "nobody", password: "wrong-guess-1") { token } }' }),
  });

it('takes the client from the hop the proxy vouches for', async () => {
  await failSignIn({ 'x-forwarded-for': '1.2.3.4, 198.51.100.9' }); // "1.2.3.4" written by the client
  await failSignIn({}); // not through the proxy: the peer itself
  const rows = await db().auditEntry.findMany({ where: { action: 'auth.sign_in_failed' }, orderBy: { id: 'asc' } });
  expect(rows.map((r) => r.address)).toEqual(['198.51.100.9', '127.0.0.1']);
});

import WebSocket from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { createFixture, newSession, type Fixture } from '../helpers/fixtures.js';
import { gql } from '../helpers/graphql.js';
import { startServer, type TestServer } from '../helpers/server.js';

// A lost phone's session revoked by the administrator, or a person signing out: on the
// instance where that happens, the session's open sockets close at once. The sweep
// (which catches expiry, deactivation and revocations made on other instances) runs
// only once a minute here, so only an immediate close passes.

let srv: TestServer;
let fx: Fixture;

beforeAll(async () => {
  srv = await startServer({ SESSION_SWEEP_MS: '60000' });
  fx = await createFixture();
});
afterAll(() => srv.stop());


/** a signed-in socket, once acknowledged; `closed` resolves with its close code */
function socketOf(token: string): Promise<{ closed: Promise<number> }> {
  return new Promise((ready, fail) => {
    const ws = new WebSocket(srv.wsUrl, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('error', fail);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    ws.on('message', (m) => {
      if (JSON.parse(String(m)).type === 'connection_ack') ready({ closed });
    });
  });
}

it('revoking a session closes its sockets at once, not at the next sweep', async () => {
  const lost = await newSession(fx.people.leader);
  const phone = await socketOf(lost.token);
  const t0 = Date.now();
  expect((await gql(srv.url, 'mutation($id: ID!) { revokeSession(sessionId: $id) }', { id: lost.sessionId }, fx.tokens.admin)).errors).toBeUndefined();
  expect(await phone.closed).toBe(4403);
  expect(Date.now() - t0).toBeLessThan(2_000);
});

it('signing out closes the session\'s other sockets at once (another tab of the same browser)', async () => {
  const mine = await newSession(fx.people.office);
  const otherTab = await socketOf(mine.token);
  const t0 = Date.now();
  expect((await gql(srv.url, 'mutation { signOut }', {}, mine.token)).errors).toBeUndefined();
  expect(await otherTab.closed).toBe(4403);
  expect(Date.now() - t0).toBeLessThan(2_000);
});

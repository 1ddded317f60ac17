import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { createFixture, newSession, type Fixture } from '../helpers/fixtures.js';
import { ackedSocket, Collector, EVENTS_SUB, gql, itemInput, settle, SUBMIT, type StreamEvent } from '../helpers/graphql.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { eventually } from '../helpers/wait.js';

// A lost phone's session revoked by the administrator, a person signing out, an account
// deactivated, or its grants changed (roles, unit, units in charge): the open sockets
// close at once, not at the next sweep; and a session that expires closes at its
// expiry. The sweep (which catches changes made on other instances whose message was
// lost) runs only once a minute here, so only an immediate close passes.

let srv: TestServer;
let fx: Fixture;

beforeAll(async () => {
  srv = await startServer({ SESSION_SWEEP_MS: '60000', SESSION_SEEN_FLUSH_MS: '100' });
  fx = await createFixture();
});
afterAll(() => srv.stop());

const SAVE_PERSON = 'mutation($id: ID, $input: PersonInput!) { savePerson(id: $id, input: $input) { id } }';
const SAVE_UNIT = 'mutation($id: ID, $input: UnitInput!) { saveUnit(id: $id, input: $input) { id } }';

async function admin(query: string, variables: Record<string, unknown>) {
  const res = await gql(srv.url, query, variables, fx.tokens.admin);
  expect(res.errors).toBeUndefined();
  return res;
}

it('revoking a session closes its sockets at once, not at the next sweep', async () => {
  const lost = await newSession(fx.people.leader);
  const phone = await ackedSocket(srv.wsUrl, lost.token);
  const t0 = Date.now();
  await admin('mutation($id: ID!) { revokeSession(sessionId: $id) }', { id: lost.sessionId });
  expect((await phone.closed).code).toBe(4403);
  expect(Date.now() - t0).toBeLessThan(2_000);
});

it('a session that runs out closes its sockets when it expires, not at the next sweep; the earliest of several first', async () => {
  const later = await newSession(fx.people.office, 'USER', 4_000);
  const sooner = await newSession(fx.people.leader, 'USER', 2_000);
  const lasting = await newSession(fx.people.leader);
  const [a, b, c] = await Promise.all([ackedSocket(srv.wsUrl, later.token), ackedSocket(srv.wsUrl, sooner.token), ackedSocket(srv.wsUrl, lasting.token)]);
  const t0 = Date.now();
  expect((await b.closed).code).toBe(4403);
  const tb = Date.now() - t0;
  expect((await a.closed).code).toBe(4403);
  const ta = Date.now() - t0;
  expect(tb).toBeLessThan(3_000);
  expect(ta).toBeGreaterThan(tb + 1_000);
  expect(ta).toBeLessThan(5_000);
  // a session with an hour left stays open
  expect(await Promise.race([c.closed.then(() => 'closed'), settle(300).then(() => 'open')])).toBe('open');
  c.ws.close();
});

it('a wall-display token in use renews itself: the wall stays connected past the old expiry; a phone\'s session does not renew', async () => {
  const DAY = 86_400_000;
  const wall = await newSession(fx.people.duty, 'DISPLAY', 2_000);
  const socket = await ackedSocket(srv.wsUrl, wall.token);
  const expiry = async (id: string) => (await db().session.findUniqueOrThrow({ where: { id } })).expiresAt.getTime();
  expect(await expiry(wall.sessionId)).toBeGreaterThan(Date.now() + 364 * DAY);
  expect(await Promise.race([socket.closed.then(() => 'closed'), settle(3_000).then(() => 'open')])).toBe('open');
  socket.ws.close();

  // renewed by any request, at most once a day; a token a day from expiry as well
  const quiet = await newSession(fx.people.duty, 'DISPLAY', 300 * DAY);
  expect((await gql(srv.url, '{ eventSeq }', {}, quiet.token)).errors).toBeUndefined();
  expect(await expiry(quiet.sessionId)).toBeGreaterThan(Date.now() + 364 * DAY);
  const fresh = await newSession(fx.people.duty, 'DISPLAY', 365 * DAY - 3600_000);
  const before = await expiry(fresh.sessionId);
  expect((await gql(srv.url, '{ eventSeq }', {}, fresh.token)).errors).toBeUndefined();
  expect(await expiry(fresh.sessionId)).toBe(before);

  // a phone's 12 hours are 12 hours
  const phone = await newSession(fx.people.leader, 'USER', 3_600_000);
  const phoneBefore = await expiry(phone.sessionId);
  expect((await gql(srv.url, '{ eventSeq }', {}, phone.token)).errors).toBeUndefined();
  expect(await expiry(phone.sessionId)).toBe(phoneBefore);

  // revoked or run out: never revived
  await admin('mutation($id: ID!) { revokeSession(sessionId: $id) }', { id: quiet.sessionId });
  const revokedAt = await expiry(quiet.sessionId);
  expect((await gql(srv.url, '{ viewer { id } }', {}, quiet.token)).data.viewer).toBeNull();
  expect(await expiry(quiet.sessionId)).toBe(revokedAt);
  const over = await newSession(fx.people.duty, 'DISPLAY', -1_000);
  const overAt = await expiry(over.sessionId);
  expect((await gql(srv.url, '{ viewer { id } }', {}, over.token)).data.viewer).toBeNull();
  expect(await expiry(over.sessionId)).toBe(overAt);
});

it('a session\'s last use is noted (at most every ten minutes) and the administrator reads it', async () => {
  const phone = await newSession(fx.people.leader);
  const seen = async () => (await db().session.findUniqueOrThrow({ where: { id: phone.sessionId } })).lastSeenAt?.getTime() ?? null;
  expect(await seen()).toBeNull();
  const t0 = Date.now();
  expect((await gql(srv.url, '{ eventSeq }', {}, phone.token)).errors).toBeUndefined();
  const first = (await eventually(seen, (v) => v !== null, 3_000))!;
  expect(first).toBeGreaterThanOrEqual(t0 - 5);
  expect(first).toBeLessThanOrEqual(Date.now());
  expect((await gql(srv.url, '{ eventSeq }', {}, phone.token)).errors).toBeUndefined();
  await settle(400);
  expect(await seen()).toBe(first);
  // a connection counts as a use too
  await db().session.update({ where: { id: phone.sessionId }, data: { lastSeenAt: new Date(Date.now() - 11 * 60_000) } });
  const t1 = Date.now();
  const socket = await ackedSocket(srv.wsUrl, phone.token);
  await eventually(seen, (v) => v !== null && v >= t1 - 5, 3_000);
  socket.ws.close();
  const listed = await gql(srv.url, '{ sessions { id lastSeenAt } }', {}, fx.tokens.admin);
  const row = (listed.data.sessions as { id: string; lastSeenAt: string | null }[]).find((s) => s.id === phone.sessionId)!;
  expect(Date.parse(row.lastSeenAt!)).toBe(await seen());
});

it('signing out closes the session\'s other sockets at once (another tab of the same browser)', async () => {
  const mine = await newSession(fx.people.office);
  const otherTab = await ackedSocket(srv.wsUrl, mine.token);
  const t0 = Date.now();
  expect((await gql(srv.url, 'mutation { signOut }', {}, mine.token)).errors).toBeUndefined();
  expect((await otherTab.closed).code).toBe(4403);
  expect(Date.now() - t0).toBeLessThan(2_000);
});

it('deactivating an account closes its sockets at once', async () => {
  const c = await gql(srv.url, SAVE_PERSON, { input: { name: '临时', account: 'temp-off', roles: ['OFFICE'], unitId: fx.units.office, password: 'Temp-pass-2026' } }, fx.tokens.admin);
  const id = c.data.savePerson.id as string;
  const s = await newSession(id);
  const socket = await ackedSocket(srv.wsUrl, s.token);
  const t0 = Date.now();
  await admin(SAVE_PERSON, { id, input: { name: '临时', account: 'temp-off', roles: ['OFFICE'], unitId: fx.units.office, active: false } });
  expect((await socket.closed).code).toBe(4403);
  expect(Date.now() - t0).toBeLessThan(2_000);
});

it('an informant moved to another unit: the open subscription is made again at once and follows the new unit, not the old one', async () => {
  const c = await gql(srv.url, SAVE_PERSON, { input: { name: '周敏', account: 'moved', roles: ['INFORMANT'], unitId: fx.units.dept, password: 'Moved-pass-2026' } }, fx.tokens.admin);
  const id = c.data.savePerson.id as string;
  const s = await newSession(id);
  const head = (await gql(srv.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
  // as the web client does: it reconnects after any close and subscribes again
  const client = createClient({ url: srv.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${s.token}` }, retryAttempts: 20, shouldRetry: () => true, retryWait: async () => void (await settle(100)) });
  const seen = new Collector();
  let connects = 0;
  client.on('connected', () => connects++);
  const stop = client.subscribe<{ events: StreamEvent }>({ query: EVENTS_SUB, variables: { afterSeq: head } }, {
    next: (r) => r.data && !seen.events.some((e) => e.seq === r.data!.events.seq) && seen.push(r.data.events),
    error: (e) => seen.fail(e),
    complete: () => {},
  });
  const before = await gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, 'old unit, before') }, fx.tokens.infDept);
  await seen.until((es) => es.length === 1, 5_000);
  expect(seen.events[0]!.entityId).toBe(before.data.submitItem.id);

  await admin(SAVE_PERSON, { id, input: { name: '周敏', account: 'moved', roles: ['INFORMANT'], unitId: fx.units.village } });
  const oldUnit = await gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, 'old unit, after') }, fx.tokens.infDept);
  const newUnit = await gql(srv.url, SUBMIT, { input: itemInput(fx.units.village, 'new unit') }, fx.tokens.infVillage);
  await seen.until((es) => es.some((e) => e.entityId === newUnit.data.submitItem.id), 5_000);
  expect(connects).toBe(2);
  // the replay from the first cursor, under the new grants, no longer includes the old unit
  expect(seen.events.map((e) => e.entityId)).not.toContain(oldUnit.data.submitItem.id);
  stop();
  await client.dispose();
});

it('a save that changes no grants (a new phone number) leaves the connections open', async () => {
  const c = await gql(srv.url, SAVE_PERSON, { input: { name: '孙丽', account: 'same', roles: ['INFORMANT'], unitId: fx.units.village, password: 'Same-pass-2026' } }, fx.tokens.admin);
  const id = c.data.savePerson.id as string;
  const s = await newSession(id);
  const socket = await ackedSocket(srv.wsUrl, s.token);
  let closed = false;
  void socket.closed.then(() => (closed = true));
  await admin(SAVE_PERSON, { id, input: { name: '孙丽', account: 'same', phone: '13900000001', roles: ['INFORMANT'], unitId: fx.units.village } });
  await settle(300);
  expect(closed).toBe(false);
  socket.ws.close();
});

it('a unit given another leader in charge: the former leader\'s socket and the new one\'s reconnect with their new units', async () => {
  const c = await gql(srv.url, SAVE_PERSON, { input: { name: '孙副镇长', account: 'leader2', roles: ['LEADER'], password: 'Leader2-pass-2026' } }, fx.tokens.admin);
  const newLeader = await newSession(c.data.savePerson.id as string);
  const former = await ackedSocket(srv.wsUrl, fx.tokens.leader);
  const incoming = await ackedSocket(srv.wsUrl, newLeader.token);
  const bystander = await ackedSocket(srv.wsUrl, fx.tokens.mainLeader);
  let bystanderClosed = false;
  void bystander.closed.then(() => (bystanderClosed = true));
  const t0 = Date.now();
  await admin(SAVE_UNIT, { id: fx.units.village, input: { name: '李家村', kind: 'VILLAGE', sortOrder: 2, leaderInChargeId: c.data.savePerson.id } });
  expect(await former.closed).toEqual({ code: 4205, reason: 'grants changed' });
  expect(await incoming.closed).toEqual({ code: 4205, reason: 'grants changed' });
  expect(Date.now() - t0).toBeLessThan(2_000);
  await settle(300);
  expect(bystanderClosed).toBe(false);
  bystander.ws.close();
});

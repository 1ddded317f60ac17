import { expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { flushSeenSessions } from '../../server/src/modules/auth/auth.service.js';
import { newSession } from '../helpers/fixtures.js';
import { gql } from '../helpers/graphql.js';
import { useTestServer } from '../helpers/server.js';

// Sessions' last use is written in one statement per flush, not one per request: a
// restart with thousands of phones reconnecting must not queue thousands of writes
// ahead of the reports. The server's own flush is held off here (10 minutes), so the
// test decides when it runs.

const t = useTestServer({ SESSION_SEEN_FLUSH_MS: '600000' });

it('a storm of first uses is noted in one write, all at one moment; a second flush has nothing to do', async () => {
  await flushSeenSessions(); // what the fixture's set-up left
  const many = await Promise.all(Array.from({ length: 600 }, () => newSession(t.fx.people.infDept)));
  const ids = many.map((s) => s.sessionId);
  const res = await Promise.all(many.map((s) => gql(t.srv.url, '{ eventSeq }', {}, s.token)));
  expect(res.every((r) => r.errors === undefined)).toBe(true);
  // used twice: put down once
  await Promise.all(many.slice(0, 50).map((s) => gql(t.srv.url, '{ eventSeq }', {}, s.token)));
  const rows = () => db().session.findMany({ where: { id: { in: ids } }, select: { lastSeenAt: true } });
  expect((await rows()).every((r) => r.lastSeenAt === null)).toBe(true);

  const at = new Date();
  expect(await flushSeenSessions(at)).toBe(600);
  expect((await rows()).every((r) => r.lastSeenAt?.getTime() === at.getTime())).toBe(true);
  expect(await flushSeenSessions()).toBe(0);

  // used again within ten minutes: nothing to note
  await Promise.all(many.slice(0, 10).map((s) => gql(t.srv.url, '{ eventSeq }', {}, s.token)));
  expect(await flushSeenSessions()).toBe(0);
});

it('a session revoked before the flush keeps its last noted use', async () => {
  const s = await newSession(t.fx.people.leader);
  expect((await gql(t.srv.url, '{ eventSeq }', {}, s.token)).errors).toBeUndefined();
  expect((await gql(t.srv.url, 'mutation($id: ID!) { revokeSession(sessionId: $id) }', { id: s.sessionId }, t.fx.tokens.admin)).errors).toBeUndefined();
  await flushSeenSessions();
  expect((await db().session.findUniqueOrThrow({ where: { id: s.sessionId } })).lastSeenAt).toBeNull();
});

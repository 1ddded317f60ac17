import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, openDb } from '../../server/src/db.js';
import { applyMigrations } from '../../server/src/db/migrate.js';
import { createFixture, newSession, type Fixture } from '../helpers/fixtures.js';
import { ackedSocket, gql, itemInput, SUBMIT, subscribeSse, subscribeWs, wsClient } from '../helpers/graphql.js';
import { freePort, spawnServer, type ServerProcess } from '../helpers/process.js';
import { createTestDatabase, heldRedisProxy, serviceUrls } from '../helpers/services.js';

let a: ServerProcess;
let b: ServerProcess;
let fx: Fixture;
let drop: () => Promise<void>;
let env: Record<string, string>;

/** Resolves once something accepts TCP connections on `port`. */
async function listening(port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listening on ${port}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  const { postgres, redis } = serviceUrls();
  const database = await createTestDatabase(postgres);
  drop = database.drop;
  // A long poll interval and session sweep: delivery (and a close) within seconds below
  // proves the Redis path.
  env = { DATABASE_URL: database.url, REDIS_URL: redis, EVENT_POLL_MS: '60000', SESSION_SWEEP_MS: '60000' };
  [a, b] = await Promise.all([spawnServer({ ...env, INSTANCE_ID: 'A' }), spawnServer({ ...env, INSTANCE_ID: 'B' })]);
  await applyMigrations({ kind: 'postgres', url: database.url });
  await openDb({ kind: 'postgres', url: database.url });
  fx = await createFixture();
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await closeDb();
  await drop?.();
});

describe('two instances on one PostgreSQL database, woken through Redis', () => {
  it('an item submitted on A reaches graphql-ws and SSE subscribers on B', async () => {
    const head = (await gql(b.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
    const client = wsClient(b.wsUrl, fx.tokens.office);
    const ws = subscribeWs(client, { afterSeq: head });
    const sse = subscribeSse(b.url, { afterSeq: head }, fx.tokens.office);
    const res = await gql(a.url, SUBMIT, { input: itemInput(fx.units.dept, 'A→B') }, fx.tokens.infDept);
    expect(res.errors).toBeUndefined();
    for (const c of [ws.collector, sse.collector]) {
      await c.until((es) => es.length === 1, 5_000);
      expect(c.events[0]).toMatchObject({ seq: head + 1, entityId: res.data.submitItem.id, kind: 'ITEM_SUBMITTED' });
    }
    ws.unsubscribe();
    sse.close();
    await client.dispose();
  });

  it('resumes across instances: seen on A, 50 missed while away written on B, replayed by A then live', async () => {
    const head = (await gql(a.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
    const first = wsClient(a.wsUrl, fx.tokens.office);
    const s1 = subscribeWs(first, { afterSeq: head });
    await gql(b.url, SUBMIT, { input: itemInput(fx.units.dept, 'r0') }, fx.tokens.infDept);
    await s1.collector.until((es) => es.length === 1, 5_000);
    const lastSeen = s1.collector.events[0]!.seq;
    s1.unsubscribe();
    await first.dispose();

    for (let i = 1; i <= 50; i++) await gql(b.url, SUBMIT, { input: itemInput(fx.units.village, `r${i}`) }, fx.tokens.infVillage);
    const second = wsClient(a.wsUrl, fx.tokens.office);
    const s2 = subscribeWs(second, { afterSeq: lastSeen });
    await s2.collector.until((es) => es.length === 50, 10_000);
    await gql(b.url, SUBMIT, { input: itemInput(fx.units.dept, 'live') }, fx.tokens.infDept);
    await s2.collector.until((es) => es.length === 51, 5_000);
    expect(s2.collector.seqs()).toEqual(Array.from({ length: 51 }, (_, i) => lastSeen + 1 + i));
    s2.unsubscribe();
    await second.dispose();
  });

  it('an instance whose Redis handshake is slow while it starts still hears the others once healthy', async () => {
    // Redis's replies to C are held until C has built its app and listens: with the
    // subscription requested during ioredis's handshake, the ready check failed, the
    // client reconnected without it, and C reported healthy while deaf to A.
    const proxy = await heldRedisProxy(serviceUrls().redis);
    const port = await freePort();
    const starting = spawnServer({ ...env, REDIS_URL: proxy.url, INSTANCE_ID: 'C' }, port);
    starting.catch(() => {});
    let c: ServerProcess | undefined;
    try {
      await listening(port);
      proxy.release();
      c = await starting;
      const head = (await gql(c.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
      const sse = subscribeSse(c.url, { afterSeq: head }, fx.tokens.office);
      const res = await gql(a.url, SUBMIT, { input: itemInput(fx.units.dept, 'A→C') }, fx.tokens.infDept);
      expect(res.errors).toBeUndefined();
      await sse.collector.until((es) => es.length === 1, 5_000);
      expect(sse.collector.events[0]).toMatchObject({ seq: head + 1, entityId: res.data.submitItem.id });
      sse.close();
    } finally {
      proxy.release();
      // Only the start matters here: a kill spares the graceful stop's wait for idle keep-alive connections.
      await (c ?? (await starting.catch(() => undefined)))?.kill();
      await proxy.close();
    }
  });

  it('a session revoked on A, or an account whose roles change on A: its sockets on B close at once, not at B\'s sweep', async () => {
    const lost = await newSession(fx.people.leader);
    const onB = await ackedSocket(b.wsUrl, lost.token);
    const promoted = await ackedSocket(b.wsUrl, fx.tokens.infVillage);
    let t0 = Date.now();
    expect((await gql(a.url, 'mutation($id: ID!) { revokeSession(sessionId: $id) }', { id: lost.sessionId }, fx.tokens.admin)).errors).toBeUndefined();
    expect((await onB.closed).code).toBe(4403);
    expect(Date.now() - t0).toBeLessThan(2_000);

    t0 = Date.now();
    const input = { name: '李芳', account: 'inf-village', roles: ['INFORMANT', 'LEADER'], unitId: fx.units.village };
    expect((await gql(a.url, 'mutation($id: ID, $input: PersonInput!) { savePerson(id: $id, input: $input) { id } }', { id: fx.people.infVillage, input }, fx.tokens.admin)).errors).toBeUndefined();
    expect(await promoted.closed).toEqual({ code: 4205, reason: 'grants changed' });
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it('both instances report the same head in /healthz', async () => {
    const [ha, hb] = await Promise.all([a, b].map(async (s) => (await fetch(`http://127.0.0.1:${s.port}/healthz`)).json()));
    expect(ha).toMatchObject({ ok: true, pubsub: true, instance: 'A' });
    expect(hb).toMatchObject({ ok: true, pubsub: true, instance: 'B' });
    expect(ha.seq).toBe(hb.seq);
  });
});

import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db, openDb } from '../../server/src/db.js';
import { applyMigrations } from '../../server/src/db/migrate.js';
import { tokenHash } from '../../server/src/modules/auth/auth.service.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { freePort, spawnServer, type ServerProcess } from '../helpers/process.js';
import { exactlyOnceInOrder, ResilientSubscriber } from '../helpers/resilient.js';
import { createTestDatabase, pubsubClients, serviceUrls } from '../helpers/services.js';

/** Stated catch-up time: after the last write, every subscriber has every event within this. */
const CATCH_UP_MS = 15_000;
const WS_SUBSCRIBERS = 200;
const SSE_SUBSCRIBERS = 100;

let fx: Fixture;
let drop: () => Promise<void>;
let env: Record<string, string>;
const ports: number[] = [];
const instances: ServerProcess[] = [];
let subscribers: ResilientSubscriber[] = [];
let redis: Redis;
/** Makes this run's instance ids (and so their Redis connection names) its own on a shared Redis. */
const run = randomBytes(3).toString('hex');
const instanceId = (name: string) => `${name}-${run}`;

const base = (i: number) => `http://127.0.0.1:${ports[i]}`;

beforeAll(async () => {
  const urls = serviceUrls();
  const database = await createTestDatabase(urls.postgres);
  drop = database.drop;
  await applyMigrations({ kind: 'postgres', url: database.url });
  await openDb({ kind: 'postgres', url: database.url });
  fx = await createFixture();
  env = { DATABASE_URL: database.url, REDIS_URL: urls.redis, EVENT_POLL_MS: '2000', MAX_SOCKETS_PER_PERSON: '1000', LOG_LEVEL: 'error' };
  ports.push(await freePort(), await freePort());
  instances.push(await spawnServer({ ...env, INSTANCE_ID: instanceId('A') }, ports[0]), await spawnServer({ ...env, INSTANCE_ID: instanceId('B') }, ports[1]));
  redis = new Redis(urls.redis);
}, 120_000);

afterAll(async () => {
  for (const s of subscribers) s.stop();
  await Promise.all(instances.map((s) => s.stop()));
  redis?.disconnect();
  await closeDb();
  await drop?.();
});

async function displayTokens(n: number): Promise<string[]> {
  const tokens = Array.from({ length: n }, () => randomBytes(18).toString('base64url'));
  await db().session.createMany({
    data: tokens.map((t) => ({ personId: fx.people.duty, kind: 'DISPLAY' as const, tokenHash: tokenHash(t), expiresAt: new Date(Date.now() + 3600_000) })),
  });
  return tokens;
}

/** Writers that keep trying (an instance may be down) until each item is acknowledged. */
async function burst(count: number, via: number[]): Promise<void> {
  await Promise.all(
    Array.from({ length: 4 }, async (_, w) => {
      for (let i = w; i < count; i += 4) {
        const key = `fault-${randomBytes(6).toString('hex')}`;
        for (let attempt = 0; ; attempt++) {
          try {
            const r = await gql(`${base(via[attempt % via.length]!)}/graphql`, SUBMIT, { input: itemInput(fx.units.dept, key, { idempotencyKey: key }) }, fx.tokens.infDept);
            if (r.data?.submitItem) break;
          } catch {
            /* instance or database down */
          }
          if (attempt > 400) throw new Error('writes never recovered');
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }),
  );
}

/**
 * This run's instances' subscriber connections to Redis (each server names its own
 * `xinbao:<instance>:sub`). Not `CLIENT KILL TYPE pubsub`: that kills and counts
 * every subscriber on the Redis, whoever it belongs to.
 */
async function ownSubscribers(): Promise<{ id: string; name: string }[]> {
  return (await pubsubClients(redis)).filter((c) => c.name?.startsWith('xinbao:') && c.name.endsWith(`-${run}:sub`)).map((c) => ({ id: c.id!, name: c.name! }));
}

async function head(): Promise<number> {
  return (await db().event.findFirst({ orderBy: { seq: 'desc' } }))?.seq ?? 0;
}

async function allCaughtUp(to: number): Promise<number> {
  const t0 = Date.now();
  while (subscribers.some((s) => s.last < to)) {
    if (Date.now() - t0 > CATCH_UP_MS) {
      const behind = subscribers.filter((s) => s.last < to);
      throw new Error(`${behind.length} subscribers still behind after ${CATCH_UP_MS} ms (e.g. at ${behind[0]!.last} of ${to})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - t0;
}

function assertExactlyOnce(from: number, to: number) {
  const bad = subscribers.filter((s) => !exactlyOnceInOrder(s.seqs, from, to));
  expect(bad.length, `subscribers with a gap, duplicate or reordering (first: ${JSON.stringify(bad[0]?.seqs.slice(0, 20))})`).toBe(0);
}

describe(`faults with two instances, ${WS_SUBSCRIBERS} graphql-ws + ${SSE_SUBSCRIBERS} SSE subscribers`, () => {
  let from = 0;

  it('subscribers connect across both instances', async () => {
    from = await head();
    const tokens = await displayTokens(WS_SUBSCRIBERS + SSE_SUBSCRIBERS);
    subscribers = tokens.map((t, i) => new ResilientSubscriber(i < WS_SUBSCRIBERS ? 'ws' : 'sse', [base(0), base(1)], t, from, i % 2));
    for (const s of subscribers) s.start();
    await burst(20, [0, 1]);
    const to = await head();
    await allCaughtUp(to);
    assertExactlyOnce(from, to);
  });

  it('SIGKILL of one instance during a burst: everyone resumes and gets every event once, in order', async () => {
    const writing = burst(150, [1, 0]);
    await new Promise((r) => setTimeout(r, 400));
    await instances[0]!.kill('SIGKILL');
    instances[0] = await spawnServer({ ...env, INSTANCE_ID: instanceId('A2') }, ports[0]);
    await writing;
    const to = await head();
    const took = await allCaughtUp(to);
    assertExactlyOnce(from, to);
    expect(subscribers.reduce((n, s) => n + s.reconnects, 0)).toBeGreaterThan(0);
    console.log(`SIGKILL: caught up ${took} ms after the last write; ${subscribers.reduce((n, s) => n + s.reconnects, 0)} reconnects`);
  });

  it('Redis pub/sub connections killed: the log is re-read, nothing is lost', async () => {
    // Both instances answered /healthz, which waits for Redis to confirm the subscription.
    const before = await ownSubscribers();
    expect(before.map((c) => c.name).sort()).toEqual([`xinbao:${instanceId('A2')}:sub`, `xinbao:${instanceId('B')}:sub`]);
    let killed = 0;
    for (const c of before) killed += Number(await redis.call('CLIENT', 'KILL', 'ID', c.id));
    expect(killed).toBe(2);
    // Each resubscribes by itself, on a new connection.
    const t0 = Date.now();
    while ((await ownSubscribers()).filter((c) => !before.some((b) => b.id === c.id)).length < 2) {
      if (Date.now() - t0 > 10_000) throw new Error(`not resubscribed after 10 s: ${JSON.stringify(await ownSubscribers())}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await burst(60, [0, 1]);
    const to = await head();
    const took = await allCaughtUp(to);
    assertExactlyOnce(from, to);
    console.log(`Redis pub/sub killed (${killed} connections): caught up ${took} ms after the last write`);
  });

  it('Redis paused: wake-ups stall, the poll delivers, and nothing is lost', async () => {
    await redis.call('CLIENT', 'PAUSE', '4000', 'ALL');
    await burst(40, [0, 1]);
    const to = await head();
    const took = await allCaughtUp(to);
    assertExactlyOnce(from, to);
    console.log(`Redis paused 4 s: caught up ${took} ms after the last write`);
  });

  it('PostgreSQL restarted: instances recover by themselves and deliver every event once', async () => {
    const cluster = fs.readdirSync('/etc/postgresql')[0];
    const writing = burst(40, [0, 1]);
    await new Promise((r) => setTimeout(r, 300));
    execSync(`pg_ctlcluster --skip-systemctl-redirect ${cluster} main restart`, { stdio: 'ignore' });
    await writing;
    await burst(10, [0, 1]);
    const to = await head();
    const took = await allCaughtUp(to);
    assertExactlyOnce(from, to);
    for (const i of [0, 1]) expect((await fetch(`${base(i)}/healthz`)).status).toBe(200);
    console.log(`PostgreSQL restart: caught up ${took} ms after the last write`);
  });
});

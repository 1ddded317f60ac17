import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createBus, type Bus } from '../../server/src/events/pubsub.js';
import { heldRedisProxy, pubsubClients, serviceUrls, type HeldProxy } from '../helpers/services.js';

const name = `bus-test-${randomBytes(3).toString('hex')}`;
/** This run's own channel, so nothing else on the shared Redis wakes these buses. */
const channel = `${name}:events`;
const open: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`not ${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function bus(url: string, label: string, on = channel): { bus: Bus; wakes: () => number } {
  const b = createBus(url, on, `${name}-${label}`);
  open.push(b);
  let n = 0;
  b.onWake(() => n++);
  return { bus: b, wakes: () => n };
}

function rawClient(): Redis {
  const r = new Redis(serviceUrls().redis);
  open.push({ close: () => void r.disconnect() });
  return r;
}

/** The subscriber connections of the buses labelled `label`, as Redis lists them. */
async function subscribers(r: Redis, label: string): Promise<{ id: string; sub: string }[]> {
  return (await pubsubClients(r))
    .filter((c) => c.name === `${name}-${label}:sub`)
    .map((c) => ({ id: c.id!, sub: c.sub! }));
}

describe('the Redis wake-up bus', () => {
  it('subscribes only once its connection is ready, and reports connected only once Redis has confirmed it', async () => {
    const proxy: HeldProxy = await heldRedisProxy(serviceUrls().redis);
    open.push(proxy);
    const b = bus(proxy.url, 'slow');
    const r = rawClient();
    // Redis answers nothing yet: the client is in its handshake, where a SUBSCRIBE
    // would break ioredis's ready check.
    await new Promise((res) => setTimeout(res, 300));
    expect(b.bus.connected()).toBe(false);
    expect(b.wakes()).toBe(0);
    proxy.release();
    await until(() => b.bus.connected(), 'connected');
    // subscribed to its two channels: the log's wake-ups and the session checks
    expect(await subscribers(r, 'slow')).toEqual([expect.objectContaining({ sub: '2' })]);
    // The confirmation itself wakes the listener: what was published before it was missed.
    expect(b.wakes()).toBeGreaterThanOrEqual(1);
    const before = b.wakes();
    await r.publish(channel, JSON.stringify({ seq: 1 }));
    await until(() => b.wakes() > before, 'woken by a publish');
  });

  it('after its connection is killed, subscribes again on the new one and wakes its listener to re-read the log', async () => {
    const b = bus(serviceUrls().redis, 'killed');
    const r = rawClient();
    await until(() => b.bus.connected(), 'connected');
    const [first] = await subscribers(r, 'killed');
    const before = b.wakes();
    expect(Number(await r.call('CLIENT', 'KILL', 'ID', first!.id))).toBe(1);
    await until(async () => (await subscribers(r, 'killed')).some((c) => c.id !== first!.id && c.sub === '2'), 'resubscribed');
    await until(() => b.bus.connected() && b.wakes() > before, 'connected and woken again');
    const again = b.wakes();
    const other = bus(serviceUrls().redis, 'other');
    await until(() => other.bus.connected(), 'the other connected');
    other.bus.publish(2);
    await until(() => b.wakes() > again, 'woken by the other bus');
  });

  it('hears only its own deployment’s channel on a Redis shared with another', async () => {
    const mine = bus(serviceUrls().redis, 'mine');
    const theirs = bus(serviceUrls().redis, 'theirs', `${name}:other-deployment`);
    const peer = bus(serviceUrls().redis, 'peer');
    await until(() => mine.bus.connected() && theirs.bus.connected() && peer.bus.connected(), 'all connected');
    const [m, t] = [mine.wakes(), theirs.wakes()];
    for (let i = 0; i < 3; i++) theirs.bus.publish(i);
    await until(() => theirs.wakes() === t + 3, 'the other deployment woken by its own three');
    peer.bus.publish(1);
    await until(() => mine.wakes() >= m + 1, 'woken by its peer');
    // Redis handled the other deployment's three first (that bus heard them), so had they
    // been sent here too, they would have arrived before the peer's one
    expect(mine.wakes()).toBe(m + 1);
  });

  it('carries "check your sessions" to the other instances apart from the log\'s wake-ups', async () => {
    const mine = bus(serviceUrls().redis, 'sessions-mine');
    const peer = bus(serviceUrls().redis, 'sessions-peer');
    const theirs = bus(serviceUrls().redis, 'sessions-theirs', `${name}:other-deployment`);
    let told = 0;
    let toldElsewhere = 0;
    mine.bus.onSessions(() => told++);
    theirs.bus.onSessions(() => toldElsewhere++);
    await until(() => mine.bus.connected() && peer.bus.connected() && theirs.bus.connected(), 'all connected');
    const wakes = mine.wakes();
    peer.bus.tellSessions();
    await until(() => told === 1, 'told by its peer');
    // then a log wake-up, so that a stray session message would have arrived before it
    peer.bus.publish(1);
    await until(() => mine.wakes() === wakes + 1, 'woken by its peer');
    expect(told).toBe(1);
    expect(toldElsewhere).toBe(0);
  });
});

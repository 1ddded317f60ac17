import { describe, expect, it } from 'vitest';
import { CLOSE_TOO_SLOW, Fanout, MAX_BUFFERED, type EventTail, type GroupSpec, type LaneSocket } from './fanout.js';
import type { LoggedEvent } from './kinds.js';

/** An in-memory event log with the hub's interface. */
class FakeTail implements EventTail {
  events: LoggedEvent[] = [];
  head = 0;
  #listeners: (() => void)[] = [];
  async since(seq: number, limit: number) {
    await Promise.resolve();
    return this.events.filter((e) => e.seq > seq).slice(0, limit);
  }
  onAdvance(l: () => void) {
    this.#listeners.push(l);
  }
  append(n: number, unitId: string | null = 'u1') {
    for (let i = 0; i < n; i++) {
      const seq = this.events.length + 1;
      this.events.push({ seq, kind: 'item:submitted', entityId: `e${seq}`, unitId, at: new Date(Date.UTC(2026, 10, 26, 0, 0, seq)) });
    }
    this.head = this.events.length;
    for (const l of this.#listeners) l();
  }
}

class FakeSocket implements LaneSocket {
  readyState = 1;
  bufferedAmount = 0;
  frames: string[] = [];
  closedWith: number | undefined;
  /** Busy time per write (ms), to model a slow machine. */
  constructor(private readonly cost = 0) {}
  send(data: string) {
    if (this.cost) for (const end = performance.now() + this.cost; performance.now() < end; );
    this.frames.push(data);
  }
  close(code: number) {
    this.closedWith = code;
    this.readyState = 3;
  }
  /** Sequence numbers received, checking each frame is a well-formed `next` for `id`. */
  seqs(id: string): number[] {
    return this.frames.map((f) => {
      const m = JSON.parse(f) as { id: string; type: string; payload: { data: { events: { seq: number } } } };
      expect(m.id).toBe(id);
      expect(m.type).toBe('next');
      return m.payload.data.events.seq;
    });
  }
}

function spec(key = 'g', accepts: (e: LoggedEvent) => boolean = () => true, slow = false) {
  const executed: number[] = [];
  const s: GroupSpec = {
    key,
    execute: async (e) => {
      executed.push(e.seq);
      // Slow execution widens the window in which others join mid-dispatch.
      if (slow) await new Promise((r) => setTimeout(r, 1 + (e.seq % 3)));
      return { data: { events: { seq: e.seq, entityId: e.entityId } } };
    },
    accepts,
    formatError: (err) => ({ message: err.message }),
  };
  return { spec: s, executed };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** Lets every pending dispatch and catch-up finish (they yield with setImmediate). */
const settle = async () => {
  for (let i = 0; i < 2000; i++) await new Promise((r) => setImmediate(r));
};
/** Waits (up to 10 s) until `done`, then a few more turns so that extra frames would show. */
const until = async (done: () => boolean) => {
  const end = Date.now() + 10_000;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  await settle();
};

describe('fan-out lane', () => {
  it('writes every event to every live subscriber once, in order, executing once per event', async () => {
    const tail = new FakeTail();
    const lane = new Fanout(tail, (e) => {
      throw e;
    });
    const { spec: s, executed } = spec();
    const sockets = range(1, 1200).map(() => new FakeSocket());
    sockets.forEach((sock, i) => lane.join(s, sock, `op-${i}`, undefined));
    tail.append(3);
    tail.append(2);
    await settle();
    sockets.forEach((sock, i) => expect(sock.seqs(`op-${i}`)).toEqual([1, 2, 3, 4, 5]));
    expect(executed).toEqual([1, 2, 3, 4, 5]);
    expect(lane.delivered).toBe(1200 * 5);
    expect(lane.groups).toBe(1);
  });

  it('sends nothing and executes nothing for events the group does not receive', async () => {
    const tail = new FakeTail();
    const lane = new Fanout(tail, () => {});
    const { spec: s, executed } = spec('g', (e) => e.unitId === 'u1');
    const sock = new FakeSocket();
    lane.join(s, sock, '1', undefined);
    tail.append(1, 'u2');
    tail.append(1, 'u1');
    tail.append(1, null);
    await settle();
    expect(sock.seqs('1')).toEqual([2]);
    expect(executed).toEqual([2]);
  });

  it('a subscriber resuming from an old sequence catches up first, then continues live: no gap, no duplicate', async () => {
    const tail = new FakeTail();
    const lane = new Fanout(tail, () => {});
    const { spec: s } = spec();
    lane.join(s, new FakeSocket(), 'early', undefined);
    tail.append(40);
    await settle();
    const late = new FakeSocket();
    lane.join(s, late, 'late', 10);
    tail.append(5);
    await settle();
    expect(late.seqs('late')).toEqual(range(11, 45));
  });

  it('subscribers joining at random moments during large dispatches each get exactly their range, in order', async () => {
    const tail = new FakeTail();
    const lane = new Fanout(tail, () => {});
    const { spec: s, executed } = spec('g', () => true, true);
    // Enough live members that each dispatch spans several turns of the event loop.
    for (let i = 0; i < 2000; i++) lane.join(s, new FakeSocket(), `live-${i}`, undefined);
    const joiners: { sock: FakeSocket; id: string; after: number }[] = [];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      if (round % 4 === 0) tail.append(1 + Math.floor(rnd() * 3));
      // Join at any point of the dispatch in progress, mostly a little behind the head.
      for (let t = Math.floor(rnd() * 4); t > 0; t--) await new Promise((r) => (rnd() < 0.5 ? setImmediate(r) : setTimeout(r, 1)));
      const r = rnd();
      const after = r < 0.2 ? undefined : r < 0.7 ? Math.max(0, tail.head - 1 - Math.floor(rnd() * 3)) : Math.floor(rnd() * tail.head);
      const sock = new FakeSocket();
      const id = `j-${round}`;
      joiners.push({ sock, id, after: after ?? tail.head });
      lane.join(s, sock, id, after);
    }
    tail.append(2);
    await until(() => joiners.every((j) => j.sock.frames.length >= tail.head - j.after));
    for (const j of joiners) expect(j.sock.seqs(j.id)).toEqual(range(j.after + 1, tail.head));
    // Catch-up reuses the group's payloads: still one execution per event (in whatever order).
    expect([...executed].sort((x, y) => x - y)).toEqual(range(1, tail.head));
  });

  it('a subscriber one event behind the group is sent that event, not skipped past it', async () => {
    const tail = new FakeTail();
    const lane = new Fanout(tail, () => {});
    const { spec: s } = spec();
    lane.join(s, new FakeSocket(), 'first', undefined);
    tail.append(4);
    await settle();
    const sock = new FakeSocket();
    lane.join(s, sock, '1', 3);
    tail.append(1);
    await settle();
    expect(sock.seqs('1')).toEqual([4, 5]);
  });

  it('a subscriber asking to start ahead of the group skips what it already has', async () => {
    const tail = new FakeTail();
    tail.append(5);
    const lane = new Fanout(tail, () => {});
    const { spec: s } = spec();
    const sock = new FakeSocket();
    lane.join(s, sock, '1', 3);
    // Group starts at the hub's head (5); this subscriber wants after 3: catches up 4, 5.
    tail.append(1);
    await settle();
    expect(sock.seqs('1')).toEqual([4, 5, 6]);
    const ahead = new FakeSocket();
    tail.events.push({ ...tail.events[5]!, seq: 7 }, { ...tail.events[5]!, seq: 8 }); // committed, not yet read by the hub
    lane.join(s, ahead, '2', 7);
    tail.head = 8;
    tail.append(1);
    await settle();
    expect(ahead.seqs('2')).toEqual([8, 9]);
  });

  it('closes a socket that cannot keep up instead of buffering without bound', async () => {
    const tail = new FakeTail();
    const lane = new Fanout(tail, () => {});
    const { spec: s } = spec();
    const slow = new FakeSocket();
    const ok = new FakeSocket();
    lane.join(s, slow, 's', undefined);
    lane.join(s, ok, 'o', undefined);
    tail.append(1);
    await settle();
    slow.bufferedAmount = MAX_BUFFERED + 1;
    tail.append(1);
    await settle();
    expect(slow.closedWith).toBe(CLOSE_TOO_SLOW);
    expect(slow.seqs('s')).toEqual([1]);
    expect(ok.seqs('o')).toEqual([1, 2]);
  });

  it('ending a subscription stops its frames, runs its cleanup once, completes its iterator and drops an empty group', async () => {
    const tail = new FakeTail();
    const lane = new Fanout(tail, () => {});
    const { spec: s } = spec();
    const sock = new FakeSocket();
    let cleanups = 0;
    const sub = lane.join(s, sock, '1', undefined);
    sub.cleanup = () => cleanups++;
    const next = sub.next();
    tail.append(1);
    await settle();
    await sub.return();
    await sub.return();
    expect(cleanups).toBe(1);
    await expect(next).resolves.toEqual({ done: true, value: undefined });
    tail.append(1);
    await settle();
    expect(sock.seqs('1')).toEqual([1]);
    expect(lane.groups).toBe(0);
  });

  it('a subscriber that leaves while catching up does not keep its group alive', async () => {
    const tail = new FakeTail();
    tail.append(3000);
    const lane = new Fanout(tail, () => {});
    const { spec: s } = spec();
    const sub = lane.join(s, new FakeSocket(), '1', 0);
    await new Promise((r) => setImmediate(r));
    sub.end();
    await settle();
    expect(lane.groups).toBe(0);
  });

  it('groups by key: different groups execute separately', async () => {
    const tail = new FakeTail();
    const lane = new Fanout(tail, () => {});
    const a = spec('a');
    const b = spec('b');
    lane.join(a.spec, new FakeSocket(), '1', undefined);
    lane.join(a.spec, new FakeSocket(), '2', undefined);
    lane.join(b.spec, new FakeSocket(), '3', undefined);
    tail.append(2);
    await settle();
    expect(a.executed).toEqual([1, 2]);
    expect(b.executed).toEqual([1, 2]);
    expect(lane.groups).toBe(2);
  });

  it('lets timers and I/O run during a fan-out to many sockets, however slow each write is', async () => {
    const tail = new FakeTail();
    const lane = new Fanout(tail, () => {});
    const { spec: s } = spec();
    // 2,000 writes of 0.05 ms: 100 ms of work in all.
    const sockets = range(1, 2000).map(() => new FakeSocket(0.05));
    sockets.forEach((sock, i) => lane.join(s, sock, String(i), undefined));
    tail.append(1);
    // A timer queued right after the event must run between slices, long before the
    // last socket is written; a 1 ms interval ticks again and again during the fan-out
    // (one synchronous loop would let it tick once or twice).
    let ticks = 0;
    const tick = setInterval(() => ticks++, 1);
    let lastHadFrameWhenTimerRan: boolean | undefined;
    await new Promise<void>((r) =>
      setTimeout(() => {
        lastHadFrameWhenTimerRan = sockets[1999]!.frames.length > 0;
        r();
      }, 0),
    );
    await until(() => sockets[1999]!.frames.length === 1);
    clearInterval(tick);
    expect(lastHadFrameWhenTimerRan).toBe(false);
    expect(sockets.every((x) => x.frames.length === 1)).toBe(true);
    expect(ticks).toBeGreaterThan(5);
  });

  it('stop() completes every subscription', async () => {
    const tail = new FakeTail();
    const lane = new Fanout(tail, () => {});
    const { spec: s } = spec();
    const subs = range(1, 3).map((i) => lane.join(s, new FakeSocket(), String(i), undefined));
    lane.stop();
    for (const sub of subs) await expect(sub.next()).resolves.toEqual({ done: true, value: undefined });
    expect(lane.join(s, new FakeSocket(), '9', undefined).closed).toBe(true);
  });
});

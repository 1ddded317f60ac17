import type { ExecutionResult, GraphQLError } from 'graphql';
import type { LoggedEvent } from './kinds.js';

/**
 * The WebSocket fast lane for event subscriptions: the Hasura approach carried
 * through to the socket. Subscribers that share a document, variables (apart from
 * their resume point) and permission scope form a group. Per event the group
 * executes the document once, serialises the result once, and writes the frame to
 * all its sockets from one loop, a slice at a time so the event loop breathes. A
 * subscriber costs one small object and no per-event promise; it has its own cursor,
 * so a late joiner or a resumed screen first catches up on its own, then joins the
 * shared loop — no gap, no duplicate, in order.
 *
 * graphql-ws still owns the protocol (connection, ids, complete, errors): it gets
 * back an iterator that never yields and ends when the subscription does, while
 * frames are written here.
 */

/** The part of the event hub the lane reads (EventHub satisfies it). */
export interface EventTail {
  readonly head: number;
  /** Events after `seq`, at most `limit`, in order. */
  since(seq: number, limit: number): Promise<LoggedEvent[]>;
  onAdvance(listener: () => void): void;
}

/** The part of a `ws` WebSocket the lane uses. */
export interface LaneSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code: number, reason: string): void;
}

const OPEN = 1;
/**
 * A send loop yields to the event loop after SLICE_MS (checked every CHECK sockets),
 * so timers, pings and requests wait about that long. When the loop is congested by
 * other work (SQLite's synchronous commits on a slow disk block it for tens or
 * hundreds of ms), each yield costs that much; the slice then grows to match the
 * time the yield took, up to MAX_SLICE_MS, so the fan-out keeps a fair share of the loop
 * rather than falling further and further behind the writes.
 */
const SLICE_MS = 8;
const MAX_SLICE_MS = 64;
const CHECK = 32;
/** Events read per catch-up step. */
const BATCH = 500;
/** Serialised payloads kept per group (recent events only; older ones are recomputed). */
const KEEP_PAYLOADS = 1_024;
/** A socket whose unsent frames exceed this is behind beyond help: it is closed and resumes. */
export const MAX_BUFFERED = 4 * 1024 * 1024;
/** "Try again later": the client reconnects and resumes from its last sequence. */
export const CLOSE_TOO_SLOW = 1013;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Time-boxed slices: `due()` is true once the current slice's budget is spent. */
class Slicer {
  #start = performance.now();
  #budget = SLICE_MS;
  #n = 0;
  due(): boolean {
    if (++this.#n % CHECK !== 0) return false;
    return performance.now() - this.#start >= this.#budget;
  }
  async pause(): Promise<void> {
    const before = performance.now();
    await yieldToLoop();
    this.#start = performance.now();
    this.#budget = Math.min(MAX_SLICE_MS, Math.max(SLICE_MS, this.#start - before));
  }
}

export interface GroupSpec {
  key: string;
  /** The group's result for one event (shared with other transports by the caller's cache). */
  execute(event: LoggedEvent): Promise<ExecutionResult> | ExecutionResult;
  /** Whether the group's subscribers receive this event (filters and permission scope). */
  accepts(event: LoggedEvent): boolean;
  /** Turns an execution error into what a client may see. */
  formatError(error: GraphQLError): unknown;
}

/**
 * Set on a graphql-ws subscription's context by the transport (socket and operation
 * id), completed with the group's key and execution by the multiplexing plugin; the
 * `events` resolver then joins the lane instead of opening a stream.
 */
export interface LaneTarget {
  fanout: Fanout;
  socket: LaneSocket;
  id: string;
  spec?: Omit<GroupSpec, 'accepts'>;
  /** Set by the resolver once joined; the transport keeps this instead of the iterator chain. */
  sub?: LaneSubscription;
}

/** One subscription on the lane; also the (silent) iterator its transport holds. */
export class LaneSubscription implements AsyncIterableIterator<never> {
  /** Last sequence this subscriber has been sent (or asked to start after). */
  cursor: number;
  /** Live: in its group's shared loop; otherwise catching up on its own. */
  live = false;
  closed = false;
  /** Set by whoever opened it (metrics, watches); runs once when it ends. */
  cleanup: (() => void) | undefined;
  /** Set by the transport: the subscription ended on the server's side (send `complete`). */
  onEnd: (() => void) | undefined;
  #end: ((r: IteratorResult<never>) => void) | undefined;
  #ended: Promise<IteratorResult<never>> | undefined;

  constructor(
    readonly group: Group,
    readonly socket: LaneSocket,
    /** `{"id":"…","type":"next","payload":` — the frame up to the shared payload. */
    readonly prefix: string,
    cursor: number,
  ) {
    this.cursor = cursor;
  }

  /** Ends the subscription, however it ends (client, socket, session, shutdown). */
  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.group.leave(this);
    this.cleanup?.();
    this.onEnd?.();
    this.#end?.({ done: true, value: undefined });
  }

  next(): Promise<IteratorResult<never>> {
    if (this.closed) return Promise.resolve({ done: true, value: undefined });
    return (this.#ended ??= new Promise((resolve) => (this.#end = resolve)));
  }

  return(): Promise<IteratorResult<never>> {
    this.end();
    return Promise.resolve({ done: true, value: undefined });
  }

  throw(err?: unknown): Promise<IteratorResult<never>> {
    this.end();
    return Promise.reject(err);
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  /** Writes one frame; false if the socket is gone or hopelessly behind. */
  write(payload: string): boolean {
    const s = this.socket;
    if (s.readyState !== OPEN) return false;
    if (s.bufferedAmount > MAX_BUFFERED) {
      s.close(CLOSE_TOO_SLOW, 'too far behind; resume');
      return false;
    }
    s.send(this.prefix + payload + '}');
    return true;
  }
}

export class Group {
  /** Live subscribers; replaced, never mutated, so a running send loop keeps its snapshot. */
  members: readonly LaneSubscription[] = [];
  /** Every event up to here has been dispatched (or is being dispatched) to the live members. */
  seq: number;
  #payloads = new Map<number, Promise<string | null>>();
  #pumping = false;
  #again = false;

  constructor(
    readonly spec: GroupSpec,
    private readonly lane: Fanout,
    seq: number,
  ) {
    this.seq = seq;
  }

  #catchingUp = 0;

  join(sub: LaneSubscription): void {
    if (sub.cursor >= this.seq) this.#goLive(sub);
    else {
      this.#catchingUp++;
      void this.#catchUp(sub).finally(() => {
        this.#catchingUp--;
        this.#dropIfEmpty();
      });
    }
  }

  leave(sub: LaneSubscription): void {
    if (sub.live) {
      sub.live = false;
      this.members = this.members.filter((m) => m !== sub);
    }
    this.#dropIfEmpty();
  }

  #dropIfEmpty(): void {
    if (this.members.length === 0 && this.#catchingUp === 0) this.lane.drop(this);
  }

  #goLive(sub: LaneSubscription): void {
    sub.live = true;
    this.members = [...this.members, sub];
  }

  /** The serialised result for an event, or null if this group does not receive it. */
  payload(e: LoggedEvent): Promise<string | null> {
    let p = this.#payloads.get(e.seq);
    if (!p) {
      p = this.#compute(e);
      this.#payloads.set(e.seq, p);
      if (this.#payloads.size > KEEP_PAYLOADS) this.#payloads.delete(this.#payloads.keys().next().value!);
    }
    return p;
  }

  async #compute(e: LoggedEvent): Promise<string | null> {
    if (!this.spec.accepts(e)) return null;
    this.lane.payloads++;
    const r = await this.spec.execute(e);
    const body: Record<string, unknown> = {};
    if (r.data !== undefined) body.data = r.data;
    if (r.errors?.length) body.errors = r.errors.map((err) => this.spec.formatError(err));
    if (r.extensions) body.extensions = r.extensions;
    return JSON.stringify(body);
  }

  /** Dispatches every event up to the hub's head; one pass at a time, extra wake-ups coalesce. */
  pump(): void {
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    void (async () => {
      try {
        do {
          this.#again = false;
          while (this.seq < this.lane.hub.head && !this.lane.closed) {
            const batch = await this.lane.hub.since(this.seq, BATCH);
            if (batch.length === 0) break;
            await this.#dispatch(batch);
          }
        } while (this.#again && !this.lane.closed);
      } catch (err) {
        this.lane.onError(err);
      } finally {
        this.#pumping = false;
      }
    })();
  }

  /**
   * Sends the events that are new to the group to every live member: one pass over
   * the members for the whole batch, so when events arrive faster than they go out
   * (writes that block the loop, as SQLite's do) a backlog costs one loop per batch,
   * not one per event.
   */
  async #dispatch(events: LoggedEvent[]): Promise<void> {
    const fresh = events.filter((e) => e.seq > this.seq);
    if (fresh.length === 0) return;
    // Claim the events before any await: a subscriber catching up now reads up to
    // here itself, then joins for the next ones.
    this.seq = fresh[fresh.length - 1]!.seq;
    const targets = this.members;
    if (targets.length === 0) return;
    const seqs: number[] = [];
    const payloads: string[] = [];
    for (const e of fresh) {
      const p = await this.payload(e);
      if (p === null) continue;
      seqs.push(e.seq);
      payloads.push(p);
    }
    if (seqs.length === 0) return;
    let sent = 0;
    const slicer = new Slicer();
    for (let i = 0; i < targets.length; i++) {
      if (slicer.due()) await slicer.pause();
      const m = targets[i]!;
      for (let k = 0; k < seqs.length; k++) {
        if (m.closed || m.cursor >= seqs[k]!) continue;
        m.cursor = seqs[k]!;
        if (!m.write(payloads[k]!)) break;
        sent++;
      }
    }
    this.lane.delivered += sent;
  }

  /** Sends a subscriber what it missed, from its own cursor, until it reaches the group. */
  async #catchUp(sub: LaneSubscription): Promise<void> {
    const slicer = new Slicer();
    try {
      while (!sub.closed && !this.lane.closed) {
        if (sub.cursor >= this.seq) {
          this.#goLive(sub); // no await since the check: nothing can slip between
          return;
        }
        const batch = await this.lane.hub.since(sub.cursor, Math.min(BATCH, this.seq - sub.cursor));
        if (batch.length === 0) {
          // The log is behind the group (cannot happen unless truncated): wait for it.
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        for (const e of batch) {
          if (sub.closed || e.seq > this.seq) break;
          const payload = await this.payload(e);
          sub.cursor = e.seq;
          if (payload !== null) {
            if (!sub.write(payload)) return sub.end();
            this.lane.delivered++;
            if (slicer.due()) await slicer.pause();
          }
        }
      }
      if (this.lane.closed) sub.end();
    } catch (err) {
      this.lane.onError(err);
      sub.socket.close(CLOSE_TOO_SLOW, 'catch-up failed; resume');
      sub.end();
    }
  }
}

/** One per instance: the groups of WebSocket event subscriptions. */
export class Fanout {
  #groups = new Map<string, Group>();
  closed = false;
  /** Frames written (all groups). */
  delivered = 0;
  /** Payloads computed (once per group and event it receives). */
  payloads = 0;

  constructor(
    readonly hub: EventTail,
    readonly onError: (err: unknown) => void,
  ) {
    hub.onAdvance(() => {
      for (const g of this.#groups.values()) g.pump();
    });
  }

  get groups(): number {
    return this.#groups.size;
  }

  /** Adds a subscriber; `afterSeq` absent means "from now". */
  join(spec: GroupSpec, socket: LaneSocket, id: string, afterSeq: number | null | undefined): LaneSubscription {
    let g = this.#groups.get(spec.key);
    if (!g) this.#groups.set(spec.key, (g = new Group(spec, this, this.hub.head)));
    const sub = new LaneSubscription(g, socket, `{"id":${JSON.stringify(id)},"type":"next","payload":`, afterSeq ?? this.hub.head);
    if (this.closed) sub.end();
    else g.join(sub);
    return sub;
  }

  drop(g: Group): void {
    if (this.#groups.get(g.spec.key) === g) this.#groups.delete(g.spec.key);
  }

  /** Ends every subscription (shutdown). */
  stop(): void {
    this.closed = true;
    for (const g of [...this.#groups.values()]) for (const m of g.members) m.end();
    this.#groups.clear();
  }
}

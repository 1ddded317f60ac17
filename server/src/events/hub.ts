import { Repeater } from 'graphql-yoga';
import { Coalesced } from '../lib/coalesce.js';
import { log } from '../log.js';
import { headSeq, readEvents } from './event-log.js';
import type { LoggedEvent } from './kinds.js';

export interface EventFilter {
  kinds?: ReadonlySet<string> | undefined;
  unitIds?: ReadonlySet<string> | undefined;
  /** Per-subscriber visibility (authorization); events it refuses are skipped, not sent. */
  visible?: ((e: LoggedEvent) => boolean) | undefined;
}

/** Whether a subscriber with this filter receives the event. */
export function passes(filter: EventFilter, e: LoggedEvent): boolean {
  if (filter.kinds && !filter.kinds.has(e.kind)) return false;
  if (filter.unitIds && !(e.unitId && filter.unitIds.has(e.unitId))) return false;
  return !filter.visible || filter.visible(e);
}

const BATCH = 500;
const WAKE_SLICE = 256;

/**
 * One per instance: keeps the tail of the event log in memory and tells streams
 * when it grows. It reads the log when woken by the bus and on a timer, so a lost
 * wake-up costs at most one poll interval. Streams pull from the buffer (or from
 * the database when they are further behind), each with its own cursor, so a
 * replay and the live tail are one loop: no gap, no duplicate.
 */
export class EventHub {
  #buffer: LoggedEvent[] = [];
  #head = 0;
  #waiters = new Set<() => void>();
  #reader = new Coalesced(() => this.#readTail(), () => !this.#closed);
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #advanced: (() => void)[] = [];
  /** Events handed to subscribers (all streams), for /metrics. */
  delivered = 0;

  constructor(
    private readonly pollMs: number,
    private readonly capacity = 10_000,
  ) {}

  get head(): number {
    return this.#head;
  }

  /** Called after each read that moved the head (the WebSocket fast lane listens here). */
  onAdvance(listener: () => void): void {
    this.#advanced.push(listener);
  }

  async start(): Promise<void> {
    this.#head = await headSeq();
    this.#timer = setInterval(() => void this.wake(), this.pollMs);
    this.#timer.unref();
  }

  stop(): void {
    this.#closed = true;
    clearInterval(this.#timer);
    for (const w of this.#waiters) w();
    this.#waiters.clear();
  }

  /** Re-read the log now; concurrent calls coalesce into one extra read. Ignored once stopped. */
  wake(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return this.#reader.run().catch((err) => log.warn('event log read failed; will retry on next wake-up', { err }));
  }

  async #readTail(): Promise<void> {
    for (;;) {
      const batch = await readEvents(this.#head, BATCH);
      if (batch.length === 0) return;
      for (const e of batch) this.#buffer.push(e);
      if (this.#buffer.length > this.capacity) this.#buffer.splice(0, this.#buffer.length - this.capacity);
      this.#head = batch[batch.length - 1]!.seq;
      for (const l of this.#advanced) l();
      const waiters = [...this.#waiters];
      this.#waiters.clear();
      // Wake streams in slices, yielding to the event loop between them, so a
      // fan-out to thousands of subscribers never stalls timers, pings or requests.
      for (let i = 0; i < waiters.length; i += WAKE_SLICE) {
        if (i > 0) await new Promise<void>((r) => setImmediate(r));
        for (const w of waiters.slice(i, i + WAKE_SLICE)) w();
      }
      if (batch.length < BATCH) return;
    }
  }

  /** Events after `seq` up to the head, from memory when the buffer reaches back that far. */
  async since(seq: number, limit: number): Promise<LoggedEvent[]> {
    const first = this.#buffer[0];
    if (first && first.seq <= seq + 1) {
      // The buffer is contiguous, so the position of seq+1 is an offset.
      const from = seq + 1 - first.seq;
      return this.#buffer.slice(from, from + limit);
    }
    return readEvents(seq, Math.min(limit, BATCH));
  }

  /**
   * A stream of events after `afterSeq` (or from now, if absent), filtered,
   * ending when the consumer returns or the hub stops.
   */
  stream(afterSeq: number | null | undefined, filter: EventFilter = {}): Repeater<LoggedEvent> {
    return new Repeater<LoggedEvent>(async (push, stop) => {
      let cursor = afterSeq ?? this.#head;
      let stopped = false;
      let wakeMe: (() => void) | undefined;
      stop.then(() => {
        stopped = true;
        if (wakeMe) {
          this.#waiters.delete(wakeMe);
          wakeMe();
        }
      });
      while (!stopped && !this.#closed) {
        const batch = cursor < this.#head ? await this.since(cursor, BATCH) : [];
        if (batch.length === 0) {
          // Caught up (or, if the log was truncated under us, wait for the next read
          // rather than spin).
          await new Promise<void>((resolve) => {
            wakeMe = resolve;
            this.#waiters.add(resolve);
          });
          wakeMe = undefined;
          continue;
        }
        for (const e of batch) {
          if (stopped) break;
          cursor = e.seq;
          if (!passes(filter, e)) continue;
          this.delivered++;
          await push(e);
        }
      }
      stop();
    });
  }
}

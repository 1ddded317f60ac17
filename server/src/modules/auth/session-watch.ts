import { db } from '../../db.js';
import type { Viewer } from '../../context.js';
import { Coalesced } from '../../lib/coalesce.js';
import { log } from '../../log.js';
import { grantsOf, viewerInclude, viewerOf } from './viewer.js';

/** Why a watched connection must close: its session is over, or what it may see changed. */
export type SessionEnd = 'ended' | 'changed';

interface Watcher {
  grants: string;
  onEnd: (why: SessionEnd) => void;
}

/**
 * Ends live connections whose session was revoked or expired, whose account was
 * deactivated, or whose grants changed (roles, unit, units in charge: such a connection
 * must be made again to see what the person may see now). A check reads every watched
 * session in one query, so its cost does not grow with the subscriptions per session.
 *
 * It checks at once when told that sessions or accounts changed: on this instance by
 * the mutation that changed them (`changed`), on the others through `tell` (the Redis
 * bus); when the first watched session expires (one timer, set to the earliest); and on
 * a regular timer, which catches a lost message.
 */
export class SessionWatch {
  #watchers = new Map<string, Set<Watcher>>();
  #timer: NodeJS.Timeout | undefined;
  /** The one timer for the earliest expiry among the watched sessions. */
  #expiry: { at: number; timer: NodeJS.Timeout } | undefined;
  #stopped = false;
  #check = new Coalesced(() => this.#sweep(), () => !this.#stopped);

  constructor(
    private readonly intervalMs = 20_000,
    /** Tells the other instances to check now. */
    private readonly tell: () => void = () => {},
  ) {}

  start(): void {
    this.#timer = setInterval(() => void this.check(), this.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
    clearTimeout(this.#expiry?.timer);
    this.#expiry = undefined;
    this.#watchers.clear();
  }

  /** Calls `onEnd` once when the session stops being valid or its grants change; returns an unwatch function. */
  watch(viewer: Viewer, onEnd: (why: SessionEnd) => void): () => void {
    let set = this.#watchers.get(viewer.sessionId);
    if (!set) this.#watchers.set(viewer.sessionId, (set = new Set()));
    const watcher = { grants: grantsOf(viewer), onEnd };
    set.add(watcher);
    if (viewer.expiresAt && (!this.#expiry || viewer.expiresAt.getTime() < this.#expiry.at)) this.#expireAt(viewer.expiresAt.getTime());
    return () => {
      set.delete(watcher);
      if (set.size === 0 && this.#watchers.get(viewer.sessionId) === set) this.#watchers.delete(viewer.sessionId);
    };
  }

  /**
   * Sessions or accounts were just changed here (a session revoked or signed out, an
   * account's roles or unit, a unit's leader in charge): connections on this instance
   * are checked now, and the other instances are told to check theirs.
   */
  async changed(): Promise<void> {
    this.tell();
    await this.check();
  }

  /** Checks every watched session now; concurrent calls share one extra pass. Never throws. */
  check(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    return this.#check.run().catch((err) => log.warn('session check failed; retried at the next one', { err }));
  }

  get watched(): number {
    let n = 0;
    for (const s of this.#watchers.values()) n += s.size;
    return n;
  }

  async #sweep(): Promise<void> {
    const ids = [...this.#watchers.keys()];
    if (ids.length === 0) return;
    const sessions = await db().session.findMany({ where: { id: { in: ids } }, include: viewerInclude });
    const now = new Date();
    const current = new Map(sessions.map((s) => [s.id, viewerOf(s, now)]));
    const closed = { ended: 0, changed: 0 };
    for (const id of ids) {
      const set = this.#watchers.get(id);
      if (!set) continue;
      const viewer = current.get(id);
      const grants = viewer ? grantsOf(viewer) : null;
      for (const w of [...set]) {
        if (w.grants === grants) continue;
        const why: SessionEnd = grants ? 'changed' : 'ended';
        set.delete(w);
        closed[why]++;
        w.onEnd(why);
      }
      if (set.size === 0 && this.#watchers.get(id) === set) this.#watchers.delete(id);
    }
    if (closed.ended || closed.changed) log.info('closed connections of ended or changed sessions', closed);
    // (a loop, not Math.min(...): tens of thousands of sessions would overflow the arguments)
    let next = Infinity;
    for (const s of sessions) if (this.#watchers.has(s.id)) next = Math.min(next, s.expiresAt.getTime());
    this.#expireAt(next);
  }

  /** Checks again at `at` (ms), in place of any earlier expiry check; nothing when `at` is not finite. */
  #expireAt(at: number): void {
    clearTimeout(this.#expiry?.timer);
    this.#expiry = undefined;
    if (this.#stopped || !Number.isFinite(at)) return;
    // setTimeout takes at most 2^31 − 1 ms (24.8 days): a later expiry is set again by a check before then.
    const timer = setTimeout(() => {
      this.#expiry = undefined;
      void this.check();
    }, Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1));
    timer.unref();
    this.#expiry = { at, timer };
  }
}

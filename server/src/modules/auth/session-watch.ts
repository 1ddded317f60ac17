import { db } from '../../db.js';
import { log } from '../../log.js';

/**
 * Ends live connections whose session was revoked, expired, or whose account was
 * deactivated. One sweep checks every watched session in a single query, so the
 * cost does not grow with the number of subscriptions per session.
 */
export class SessionWatch {
  #watchers = new Map<string, Set<() => void>>();
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly intervalMs = 20_000) {}

  start(): void {
    this.#timer = setInterval(() => void this.sweep().catch((err) => log.warn('session sweep failed', { err })), this.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#watchers.clear();
  }

  /** Calls `onEnd` once when the session stops being valid; returns an unwatch function. */
  watch(sessionId: string, onEnd: () => void): () => void {
    let set = this.#watchers.get(sessionId);
    if (!set) this.#watchers.set(sessionId, (set = new Set()));
    set.add(onEnd);
    return () => {
      set.delete(onEnd);
      if (set.size === 0) this.#watchers.delete(sessionId);
    };
  }

  /**
   * The session just ended on this instance (revoked, signed out): its connections close
   * now rather than at the next sweep. Other instances close theirs at their sweep.
   */
  ended(sessionId: string): number {
    const set = this.#watchers.get(sessionId);
    if (!set) return 0;
    this.#watchers.delete(sessionId);
    for (const end of set) end();
    return set.size;
  }

  get watched(): number {
    let n = 0;
    for (const s of this.#watchers.values()) n += s.size;
    return n;
  }

  async sweep(now = new Date()): Promise<number> {
    const ids = [...this.#watchers.keys()];
    if (ids.length === 0) return 0;
    const valid = await db().session.findMany({
      where: { id: { in: ids }, revokedAt: null, expiresAt: { gt: now }, person: { active: true } },
      select: { id: true },
    });
    const ok = new Set(valid.map((s) => s.id));
    let ended = 0;
    for (const id of ids) {
      if (ok.has(id)) continue;
      const set = this.#watchers.get(id);
      this.#watchers.delete(id);
      for (const end of set ?? []) {
        ended++;
        end();
      }
    }
    if (ended) log.info('closed connections of ended sessions', { ended });
    return ended;
  }
}

import { db } from '../../db.js';
import { writeWithEvents } from '../../events/event-log.js';
import type { EventHub } from '../../events/hub.js';
import { eventKinds } from '../../events/kinds.js';
import { Coalesced } from '../../lib/coalesce.js';
import { log } from '../../log.js';
import { loadDeadlineConfig } from './deadline-config.js';
import { deadlineLines, dueLines, type DeadlineLine } from './incident.rules.js';

/** Longest sleep between scans: bounds the cost of a missed timer or a changed config. */
const MAX_SLEEP_MS = 5_000;

/**
 * The emergency clock. Deadlines are derived from stored timestamps on every scan,
 * never kept only in timers: after a restart the first scan finds every line that
 * passed while the server was down and emits it. Each crossing is claimed by
 * inserting a DeadlineCrossing row (primary key incident + line) in the same
 * transaction as its event, so however many instances race, and however often one
 * restarts, a crossing is emitted exactly once.
 */
export class DeadlineEngine {
  #timer: NodeJS.Timeout | undefined;
  #scanner = new Coalesced(() => this.#scanOnce(), () => !this.#stopped);
  #stopped = false;
  #listener: { return?: () => unknown } | undefined;
  /** Crossings this instance claimed, for /metrics and tests. */
  claimed = 0;

  constructor(
    private readonly clock: () => Date = () => new Date(),
    private readonly hub?: EventHub,
  ) {}

  async start(): Promise<void> {
    this.#stopped = false;
    await this.scan();
    if (this.hub) {
      // Any change to an incident (on any instance) may move its lines: rescan.
      const stream = this.hub.stream(undefined, { kinds: new Set([eventKinds.INCIDENT_REPORTED, eventKinds.INCIDENT_UPDATED]) });
      this.#listener = stream;
      void (async () => {
        for await (const _ of stream) void this.scan();
      })();
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#listener?.return?.();
    await this.#scanner.running?.catch(() => undefined);
  }

  /** Claims every due line now and schedules the next wake-up; concurrent calls coalesce. */
  scan(): Promise<void> {
    return this.#scanner.run().catch((err) => {
      log.warn('deadline scan failed; retrying shortly', { err });
      this.#schedule(1000);
    });
  }

  async #scanOnce(): Promise<void> {
    const cfg = await loadDeadlineConfig();
    const open = await db().incident.findMany({
      where: { closedAt: null },
      select: {
        id: true,
        unitId: true,
        occurredAt: true,
        firstCountyReportAt: true,
        crossings: { select: { line: true } },
        reports: { where: { direction: 'OFFICE_TO_COUNTY' }, select: { sentAt: true }, orderBy: { sentAt: 'desc' } },
      },
    });
    let next = Infinity;
    for (const inc of open) {
      const lines = deadlineLines(
        {
          occurredAt: inc.occurredAt,
          firstCountyReportAt: inc.firstCountyReportAt,
          lastCountyReportAt: inc.reports[0]?.sentAt ?? null,
          countyReports: inc.reports.length,
          closedAt: null,
        },
        cfg,
      );
      const claimed = new Set(inc.crossings.map((c) => c.line));
      const now = this.clock();
      for (const line of dueLines(lines, claimed, now)) {
        if (await this.#claim(inc.id, inc.unitId, line)) claimed.add(line.line);
      }
      for (const l of lines) if (!claimed.has(l.line)) next = Math.min(next, l.dueAt.getTime());
    }
    if (!this.#stopped) this.#schedule(next === Infinity ? MAX_SLEEP_MS : next - this.clock().getTime());
  }

  async #claim(incidentId: string, unitId: string, line: DeadlineLine): Promise<boolean> {
    try {
      await writeWithEvents(async (tx, s) => {
        await tx.deadlineCrossing.create({ data: { incidentId, line: line.line, dueAt: line.dueAt, claimedAt: this.clock() } });
        s.emit({ kind: eventKinds.INCIDENT_DEADLINE, entityId: incidentId, unitId });
      });
      this.claimed++;
      log.info('deadline crossed', { incidentId, line: line.line, dueAt: line.dueAt });
      return true;
    } catch (err) {
      // Another instance claimed it first: that is the point of the claim.
      if ((err as { code?: string }).code === 'P2002') return false;
      throw err;
    }
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.scan(), Math.max(0, Math.min(delayMs, MAX_SLEEP_MS)));
    this.#timer.unref();
  }
}

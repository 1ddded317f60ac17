import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../server/src/db.js';
import { DeadlineEngine } from '../../server/src/modules/incident/deadline.engine.js';
import { DEADLINES_KEY } from '../../server/src/modules/incident/deadline-config.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, subscribeWs, wsClient } from '../helpers/graphql.js';
import { report } from '../helpers/incidents.js';
import { startServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let fx: Fixture;

beforeAll(async () => {
  srv = await startServer();
  fx = await createFixture();
});
afterAll(() => srv.stop());

const crossings = (incidentId: string) => db().deadlineCrossing.findMany({ where: { incidentId }, orderBy: { dueAt: 'asc' } });
const deadlineEvents = (incidentId: string) => db().event.count({ where: { entityId: incidentId, kind: 'incident:deadline' } });

describe('deadline engine with an injected clock', () => {
  it('a crash at 1 h 59 min and a restart after 2 h emit the 2-hour crossing exactly once; 20 restarts add nothing', async () => {
    await srv.app.engine.stop(); // the test drives its own engines with a fake clock
    try {
      const occurredAt = new Date(Date.now() - 30 * 60_000);
      const inc = await report(srv.url, fx.tokens.infDept, fx.units.dept, { occurredAt: occurredAt.toISOString() });
      const at = (ms: number) => () => new Date(occurredAt.getTime() + ms);

      // 1 h 59 min: both warnings have passed, the 2-hour line has not.
      const before = new DeadlineEngine(at(119 * 60_000));
      await before.scan();
      await before.stop(); // "crash"
      expect((await crossings(inc.id)).map((c) => c.line)).toEqual(['warn-1800', 'warn-600']);

      // Exactly 2 h: still on time, nothing new.
      const exact = new DeadlineEngine(at(2 * 3600_000));
      await exact.scan();
      await exact.stop();
      expect((await crossings(inc.id)).map((c) => c.line)).toEqual(['warn-1800', 'warn-600']);

      // Restart after 2 h: the crossing that happened while down is emitted once.
      const after = new DeadlineEngine(at(2 * 3600_000 + 1000));
      await after.scan();
      await after.stop();
      expect((await crossings(inc.id)).map((c) => c.line)).toEqual(['warn-1800', 'warn-600', 'late']);
      expect(await deadlineEvents(inc.id)).toBe(3);

      for (let i = 0; i < 20; i++) {
        const again = new DeadlineEngine(at(2 * 3600_000 + 5000 + i));
        await again.scan();
        await again.stop();
      }
      expect(await deadlineEvents(inc.id)).toBe(3);

      // Past 10 h without a county report: concealed, once.
      const late = new DeadlineEngine(at(10 * 3600_000 + 1000));
      await late.scan();
      await Promise.all([late.scan(), late.scan()]);
      await late.stop();
      expect((await crossings(inc.id)).map((c) => c.line)).toEqual(['warn-1800', 'warn-600', 'late', 'concealed']);
      expect(await deadlineEvents(inc.id)).toBe(4);
    } finally {
      await srv.app.engine.start();
    }
  });

  it('stops counting the 2-hour line once the county has the first report, and starts the follow-up clock', async () => {
    await srv.app.engine.stop();
    try {
      const occurredAt = new Date(Date.now() - 10 * 60_000);
      const inc = await report(srv.url, fx.tokens.office, fx.units.dept, { occurredAt: occurredAt.toISOString() });
      await gql(srv.url, 'mutation($id: ID!) { reportIncidentToCounty(id: $id, input: { kind: INITIAL, progress: "已报" }) { id } }', { id: inc.id }, fx.tokens.office);
      const reportedAt = (await db().incident.findUniqueOrThrow({ where: { id: inc.id } })).firstCountyReportAt!;
      const engine = new DeadlineEngine(() => new Date(reportedAt.getTime() + 2 * 3600_000 + 1));
      await engine.scan();
      await engine.stop();
      expect((await crossings(inc.id)).map((c) => c.line)).toEqual(['followup-1']);
    } finally {
      await srv.app.engine.start();
    }
  });
});

describe('deadline engine in real time', () => {
  it('pushes each crossing to subscribers within 1 s of its true moment (test-shortened lines)', async () => {
    await db().setting.create({
      data: { key: DEADLINES_KEY, value: JSON.stringify({ lateAfterSec: 3, concealedAfterSec: 5, warnBeforeSec: [1] }) },
    });
    await new Promise((r) => setTimeout(r, 1100)); // let the config cache expire
    try {
      const head = (await gql(srv.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
      const c = wsClient(srv.wsUrl, fx.tokens.office);
      const live = subscribeWs(c, { afterSeq: head, kinds: ['INCIDENT_DEADLINE'] });
      const inc = await report(srv.url, fx.tokens.office, fx.units.village, { occurredAt: new Date().toISOString() });
      // Other open incidents of this file cross the shortened lines too; look at this one.
      const mine = () => live.collector.events.filter((e) => e.entityId === inc.id);
      await live.collector.until(() => mine().length >= 3, 10_000);
      const received = Date.now();
      const lines = await crossings(inc.id);
      expect(lines.map((l) => l.line)).toEqual(['warn-1', 'late', 'concealed']);
      // The event's own timestamp is when it was committed; compare with the line's due time.
      for (const [i, line] of lines.entries()) {
        const lag = new Date(mine()[i]!.at).getTime() - line.dueAt.getTime();
        expect(lag).toBeGreaterThanOrEqual(0);
        expect(lag).toBeLessThan(1000);
      }
      expect(received).toBeGreaterThan(lines[2]!.dueAt.getTime());
      const state = await gql(srv.url, 'query($id: ID!) { incident(id: $id) { clockState timeliness } }', { id: inc.id }, fx.tokens.office);
      expect(state.data.incident).toEqual({ clockState: 'CONCEALED', timeliness: 'CONCEALED' });
      live.unsubscribe();
      await c.dispose();
    } finally {
      await db().setting.delete({ where: { key: DEADLINES_KEY } });
    }
  });
});

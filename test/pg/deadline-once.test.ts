import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db, openDb } from '../../server/src/db.js';
import { applyMigrations } from '../../server/src/db/migrate.js';
import { DEADLINES_KEY } from '../../server/src/modules/incident/deadline-config.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { report } from '../helpers/incidents.js';
import { spawnServer, type ServerProcess } from '../helpers/process.js';
import { createTestDatabase, serviceUrls } from '../helpers/services.js';

let a: ServerProcess;
let b: ServerProcess;
let fx: Fixture;
let drop: () => Promise<void>;

beforeAll(async () => {
  const { postgres, redis } = serviceUrls();
  const database = await createTestDatabase(postgres);
  drop = database.drop;
  await applyMigrations({ kind: 'postgres', url: database.url });
  await openDb({ kind: 'postgres', url: database.url });
  fx = await createFixture();
  // Test-shortened lines so that every crossing happens within seconds.
  await db().setting.create({ data: { key: DEADLINES_KEY, value: JSON.stringify({ lateAfterSec: 2, concealedAfterSec: 4, warnBeforeSec: [1], followUpEverySec: 2 }) } });
  const env = { DATABASE_URL: database.url, REDIS_URL: redis };
  [a, b] = await Promise.all([spawnServer({ ...env, INSTANCE_ID: 'A' }), spawnServer({ ...env, INSTANCE_ID: 'B' })]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await closeDb();
  await drop?.();
});

describe('two instances racing for the same deadlines on PostgreSQL', () => {
  it('emits each crossing exactly once, never once per instance', async () => {
    const incidents = await Promise.all([
      report(a.url, fx.tokens.office, fx.units.dept, { occurredAt: new Date().toISOString() }),
      report(b.url, fx.tokens.office, fx.units.village, { occurredAt: new Date().toISOString() }),
      report(a.url, fx.tokens.infDept, fx.units.dept, { occurredAt: new Date(Date.now() - 1500).toISOString() }),
    ]);
    await new Promise((r) => setTimeout(r, 6000));
    for (const inc of incidents) {
      const lines = await db().deadlineCrossing.findMany({ where: { incidentId: inc.id }, orderBy: { dueAt: 'asc' } });
      expect(lines.map((l) => l.line)).toEqual(['warn-1', 'late', 'concealed']);
      const events = await db().event.findMany({ where: { entityId: inc.id, kind: 'incident:deadline' } });
      expect(events).toHaveLength(3);
    }
    // A lost race is a normal outcome (a unique-key refusal), not a failed scan.
    for (const s of [a, b]) {
      expect(s.output()).not.toContain('deadline scan failed');
      expect((await fetch(`http://127.0.0.1:${s.port}/healthz`)).status).toBe(200);
    }
    const claimedBy = await db().deadlineCrossing.count();
    expect(claimedBy).toBe(9);
  });
});

import Database from 'better-sqlite3';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db, openDb } from '../../server/src/db.js';
import { applyMigrations } from '../../server/src/db/migrate.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { freePort, spawnServer, type ServerProcess } from '../helpers/process.js';
import { tempSqliteUrl } from '../helpers/server.js';

/** How long writers run against a server that is SIGKILLed every few seconds (longer by hand: CRASH_TEST_SECONDS=600). */
const SECONDS = Number(process.env.CRASH_TEST_SECONDS ?? 40);
const tmp = tempSqliteUrl();
let fx: Fixture;
let port: number;
let server: ServerProcess | undefined;

beforeAll(async () => {
  await applyMigrations({ kind: 'sqlite', url: tmp.url });
  await openDb({ kind: 'sqlite', url: tmp.url });
  fx = await createFixture();
  await closeDb(); // the server process is the only writer from here on
  port = await freePort();
});
afterAll(async () => {
  await server?.kill();
  fs.rmSync(tmp.dir, { recursive: true, force: true });
});

describe('crash safety on SQLite', () => {
  it(`acknowledged writes survive SIGKILL every few seconds for ${SECONDS} s`, { timeout: (SECONDS + 240) * 1000 }, async () => {
    const env = { DATABASE_URL: tmp.url, EVENT_POLL_MS: '500' };
    server = await spawnServer(env, port);
    const url = `http://127.0.0.1:${port}/graphql`;
    const acked = new Map<string, string>(); // idempotency key → item id
    let attempts = 0;
    let kills = 0;
    const deadline = Date.now() + SECONDS * 1000;
    // Restarts are slower on a loaded machine: the run goes on past the deadline
    // until several kills have happened (at most two more minutes), so it always
    // tests what it is for instead of failing on the machine's speed.
    const minKills = Math.max(3, Math.floor(SECONDS / 10));
    const hardStop = deadline + 120_000;
    const running = () => Date.now() < hardStop && (Date.now() < deadline || kills < minKills);

    const writer = async (w: number) => {
      let n = 0;
      while (running()) {
        const key = `crash-${w}-${n}`;
        // Retry the same key until acknowledged: an unacknowledged attempt may or may not have committed.
        for (;;) {
          attempts++;
          try {
            const res = await gql(url, SUBMIT, { input: itemInput(fx.units.dept, key, { idempotencyKey: key }) }, fx.tokens.infDept);
            if (res.data?.submitItem) {
              acked.set(key, res.data.submitItem.id);
              break;
            }
          } catch {
            /* connection refused or reset while the server is down */
          }
          if (Date.now() > hardStop + 60_000) throw new Error('server never came back');
          await new Promise((r) => setTimeout(r, 100));
        }
        n++;
      }
    };
    const killer = async () => {
      while (running()) {
        await new Promise((r) => setTimeout(r, 2000 + Math.random() * 2000));
        if (!running()) break;
        await server!.kill('SIGKILL');
        kills++;
        server = await spawnServer(env, port);
      }
    };
    await Promise.all([killer(), ...[0, 1, 2, 3].map(writer)]);
    await server.stop();
    server = undefined;

    expect(kills).toBeGreaterThanOrEqual(minKills);
    const file = tmp.file;
    const check = new Database(file, { readonly: true });
    try {
      expect((check.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
      // Every acknowledged item is there exactly once, under the id the client was given.
      const rows = check.prepare(`SELECT id, idempotencyKey FROM Item WHERE idempotencyKey LIKE 'crash-%'`).all() as { id: string; idempotencyKey: string }[];
      const byKey = new Map(rows.map((r) => [r.idempotencyKey, r.id]));
      expect(rows.length).toBe(byKey.size);
      for (const [key, id] of acked) expect(byKey.get(key)).toBe(id);
      // Nothing half-written: every item has its revision and exactly one event.
      const broken = check
        .prepare(
          `SELECT i.id FROM Item i
           WHERE (SELECT count(*) FROM ItemRevision r WHERE r.itemId = i.id) <> 1
              OR (SELECT count(*) FROM Event e WHERE e.entityId = i.id) <> 1`,
        )
        .all();
      expect(broken).toEqual([]);
      const seqs = (check.prepare('SELECT seq FROM Event ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      console.log(`crash test: ${SECONDS} s, ${kills} kills, ${acked.size} acknowledged items, ${attempts} attempts, ${rows.length} rows`);
    } finally {
      check.close();
    }
  });
});

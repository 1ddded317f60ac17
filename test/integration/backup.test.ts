import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupSqlite, checkIntegrity, restoreSqlite } from '../../server/src/db/backup.js';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { startServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let fx: Fixture;

beforeAll(async () => {
  srv = await startServer();
  fx = await createFixture();
});
afterAll(() => srv.stop());

/** The invariants a consistent snapshot must satisfy: gap-free events, each with its item and revision. */
function checkSnapshot(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const seqs = (db.prepare('SELECT seq FROM Event ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const counter = db.prepare('SELECT seq FROM EventCounter WHERE id = 1').get() as { seq: number };
    expect(counter.seq).toBe(seqs.length);
    const orphans = db.prepare(`SELECT count(*) AS n FROM Event e LEFT JOIN Item i ON i.id = e.entityId WHERE e.kind = 'item:submitted' AND i.id IS NULL`).get() as { n: number };
    expect(orphans.n).toBe(0);
    const silent = db.prepare(`SELECT count(*) AS n FROM Item i LEFT JOIN Event e ON e.entityId = i.id WHERE e.seq IS NULL`).get() as { n: number };
    expect(silent.n).toBe(0);
    const noRevision = db.prepare(`SELECT count(*) AS n FROM Item i LEFT JOIN ItemRevision r ON r.itemId = i.id WHERE r.id IS NULL`).get() as { n: number };
    expect(noRevision.n).toBe(0);
    return seqs.length;
  } finally {
    db.close();
  }
}

describe('online backup and restore (SQLite)', () => {
  it('a backup taken during writes is consistent, and restores to a working database', async () => {
    const dir = path.dirname(srv.dbFile!);
    const backupFile = path.join(dir, 'backup.db');
    let writing = true;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      let n = 0;
      while (writing) {
        const res = await gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, `b${w}-${n++}`) }, fx.tokens.infDept);
        if (res.errors) throw new Error(JSON.stringify(res.errors));
      }
      return n;
    });
    await new Promise((r) => setTimeout(r, 700));
    await backupSqlite(srv.dbFile!, backupFile);
    await new Promise((r) => setTimeout(r, 300));
    writing = false;
    const written = (await Promise.all(writers)).reduce((a, b) => a + b, 0);

    expect(checkIntegrity(backupFile)).toBe('ok');
    const inBackup = checkSnapshot(backupFile);
    expect(inBackup).toBeGreaterThan(0);
    expect(inBackup).toBeLessThan(written); // taken mid-stream, not after

    const restored = path.join(dir, 'restored.db');
    fs.writeFileSync(restored + '-wal', 'stale frames that must not be replayed');
    await restoreSqlite(backupFile, restored);
    expect(fs.existsSync(restored + '-wal')).toBe(false);
    expect(checkSnapshot(restored)).toBe(inBackup);
  });

  it('refuses to restore a damaged backup', async () => {
    const bad = path.join(path.dirname(srv.dbFile!), 'bad.db');
    fs.writeFileSync(bad, Buffer.alloc(8192, 7));
    await expect(restoreSqlite(bad, path.join(path.dirname(bad), 'target.db'))).rejects.toThrow();
  });
});

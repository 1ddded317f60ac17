import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { backupSqlite } from './backup.js';

// SQLite restarts an online backup whenever another connection writes between two of its
// steps. Copied a hundred pages a step, a database of some hundreds of pages under a
// steady stream of writes (a busy server) was never backed up: every step began again.

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-backup-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('finishes a backup of a database of many pages while another connection writes between every step', async () => {
  // Setup: some 1,000 pages, in WAL mode as the server keeps it
  const file = path.join(dir, 'live.db');
  const server = new Database(file);
  server.pragma('journal_mode = WAL');
  server.exec('CREATE TABLE item (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = server.prepare('INSERT INTO item (body) VALUES (?)');
  server.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run('信息正文'.repeat(120));
  })();
  expect((server.pragma('page_count', { simple: true }) as number) > 500).toBe(true);
  // a write on every turn of the event loop, from the server's own connection
  let writing = true;
  let written = 0;
  const write = () => {
    if (!writing) return;
    insert.run(`写入 ${written++}`);
    setImmediate(write);
  };
  setImmediate(write);

  // Action
  const backupFile = path.join(dir, 'backup.db');
  const outcome = await Promise.race([
    backupSqlite(file, backupFile).then((r) => ({ done: true as const, pages: r.pages })),
    new Promise<{ done: false }>((resolve) => setTimeout(() => resolve({ done: false }), 10_000)),
  ]);
  writing = false;

  // Assert: done, a consistent copy taken mid-stream
  expect(outcome.done).toBe(true);
  expect(written).toBeGreaterThan(0);
  const copy = new Database(backupFile, { readonly: true });
  const rows = (copy.prepare('SELECT count(*) AS n FROM item').get() as { n: number }).n;
  copy.close();
  expect(rows).toBeGreaterThanOrEqual(2000);
  expect(rows).toBeLessThanOrEqual(2000 + written);
  server.close();
}, 20_000);

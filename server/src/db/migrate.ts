import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { repoRoot, type Config } from '../config.js';

/**
 * Applies the committed migrations at start-up, without any Prisma engine: each
 * migration.sql runs in order inside a transaction and is recorded in
 * `_prisma_migrations` with the same columns and checksum (sha256 of the file) the
 * Prisma CLI uses, so `prisma migrate deploy` and this agree on what is applied.
 */
export const migrationsDir = (kind: Config['database']['kind']) =>
  kind === 'sqlite' ? path.join(repoRoot, 'prisma', 'migrations') : path.join(repoRoot, 'prisma', 'postgres', 'migrations');

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string): Migration[] {
  if (!fs.existsSync(dir)) throw new Error(`migrations folder not found: ${dir}`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

function checkApplied(applied: Map<string, string>, migrations: Migration[]): Migration[] {
  for (const [name, checksum] of applied) {
    const m = migrations.find((x) => x.name === name);
    if (!m) throw new Error(`database has migration ${name}, which is not in the migrations folder (newer code ran here?)`);
    if (m.checksum !== checksum) throw new Error(`migration ${name} was edited after it was applied (checksum differs)`);
  }
  return migrations.filter((m) => !applied.has(m.name));
}

/** Applies pending migrations; returns the names applied. Safe to run from several instances at once. */
export async function applyMigrations(database: Config['database'], dir = migrationsDir(database.kind)): Promise<string[]> {
  const migrations = readMigrations(dir);
  return database.kind === 'sqlite' ? applySqlite(database.url, migrations) : applyPostgres(database.url, migrations);
}

function applySqlite(url: string, migrations: Migration[]): string[] {
  const file = url.replace(/^file:/, '');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  try {
    db.pragma('journal_mode = WAL');
    // Table rebuilds (DROP + RENAME) must not fire ON DELETE CASCADE: with foreign
    // keys on, DROP TABLE deletes every child row first. The pragma only works
    // outside a transaction, so it is set here and the keys are checked at the end.
    db.pragma('foreign_keys = OFF');
    db.exec(SQLITE_TABLE);
    const done: string[] = [];
    // IMMEDIATE takes the write lock first, so two processes cannot both decide a
    // migration is pending.
    db.transaction(() => {
      const rows = db
        .prepare(`SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .all() as { migration_name: string; checksum: string }[];
      const pending = checkApplied(new Map(rows.map((r) => [r.migration_name, r.checksum])), migrations);
      for (const m of pending) {
        const started = Date.now();
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
        ).run(randomUUID(), m.checksum, Date.now(), m.name, started);
        done.push(m.name);
      }
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length) throw new Error(`migrations left ${broken.length} broken foreign keys: ${JSON.stringify(broken.slice(0, 3))}`);
      db.prepare(`INSERT OR IGNORE INTO "EventCounter" ("id", "seq") VALUES (1, 0)`).run();
    }).immediate();
    return done;
  } finally {
    db.close();
  }
}

async function applyPostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One instance migrates at a time; the others wait here and then find nothing pending.
    await client.query('SELECT pg_advisory_lock(7345201)');
    await client.query(PG_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const pending = checkApplied(new Map(rows.map((r) => [r.migration_name, r.checksum])), migrations);
    const done: string[] = [];
    for (const m of pending) {
      await client.query('BEGIN');
      try {
        const started = new Date();
        await client.query(m.sql);
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, $4, 1)`,
          [randomUUID(), m.checksum, m.name, started],
        );
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(e as Error).message}`);
      }
      done.push(m.name);
    }
    await client.query(`INSERT INTO "EventCounter" ("id", "seq") VALUES (1, 0) ON CONFLICT DO NOTHING`);
    await client.query('SELECT pg_advisory_unlock(7345201)');
    return done;
  } finally {
    await client.end();
  }
}

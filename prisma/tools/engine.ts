// Drives Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm) through
// driver adapters, because the native schema engine cannot be downloaded on these
// machines (see /work/shared/TOOLCHAIN.md, "Prisma 7 without its native engines").
//
// Each workaround below exists because of a concrete failure seen with the 7.10 packages;
// the comment on each says which.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import { LOCKFILE, migrationFolders, redactUrl, shadowServerUrl, postgresUrl, type Provider } from './shared.js';

export type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

// ─────────────────────────────── loading the wasm ───────────────────────────────

// Node has WebAssembly as a global, but TypeScript types it only in lib.dom, which this
// project does not load; declare the little that is used here.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, object>) => { exports: Record<string, unknown> };
};

let loaded = false;

/**
 * The package's ESM entry does `import * as wasm from "./schema_engine_bg.wasm"`, which
 * Node 20 refuses. So compile the .wasm ourselves, instantiate it against the JS glue
 * (the module its imports name), and hand the exports back to the glue.
 */
function loadWasm(): void {
  if (loaded) return;
  const require = createRequire(import.meta.url);
  // package.json is not in the package's exports map; the glue module is.
  const pkgDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const module = new WebAssembly.Module(readFileSync(path.join(pkgDir, 'schema_engine_bg.wasm')));
  const instance = new WebAssembly.Instance(module, {
    './schema_engine_bg.js': glue,
  });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  loaded = true;
}

// ─────────────────────────────── adapter fixes ───────────────────────────────

/**
 * Dispose exactly once. The engine disposes some connections itself (shadow databases)
 * and leaves others open; we dispose whatever is left at the end, so both may happen.
 */
function disposeOnce(adapter: SqlDriverAdapter): void {
  const dispose = adapter.dispose.bind(adapter);
  let done: Promise<void> | undefined;
  adapter.dispose = () => (done ??= dispose());
}

/**
 * The engine sends whole migration scripts through `executeRaw` without arguments;
 * better-sqlite3's prepare() refuses more than one statement. Argument-less calls go
 * through exec() instead; total_changes() keeps the affected-row count honest.
 */
function fixSqliteAdapter(adapter: SqlDriverAdapter): void {
  const runScript = async (query: SqlQuery, fallback: (q: SqlQuery) => Promise<number>): Promise<number> => {
    if (query.args.length > 0) return fallback(query);
    const changes = async () => {
      const rs = await adapter.queryRaw({ sql: 'SELECT total_changes()', args: [], argTypes: [] });
      return Number(rs.rows[0]?.[0] ?? 0);
    };
    const before = await changes();
    await adapter.executeScript(query.sql);
    return (await changes()) - before;
  };
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = (q) => runScript(q, executeRaw);

  // A transaction runs on the same single better-sqlite3 connection, so the adapter's
  // exec() is valid inside it too.
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolation) => {
    const tx: Transaction = await startTransaction(isolation);
    const txExecuteRaw = tx.executeRaw.bind(tx);
    tx.executeRaw = (q) => runScript(q, txExecuteRaw);
    return tx;
  };
}

const PG_CHAR_OID = 18; // the catalog type "char" (pg_constraint.contype, pg_class.relkind, ...)
const PG_TEXT_OID = 25;

type PgResult = { fields: { dataTypeID: number }[] };
type PerformIO = (query: SqlQuery) => Promise<PgResult>;

/**
 * @prisma/adapter-pg 7.10 has no column type for "char" and throws
 * UnsupportedNativeDataType while the engine reads the catalog. Its text form is a plain
 * one-character string (pg has no parser for it), so relabelling the column as text is
 * exact. The hook is the adapter's private performIO; fail loudly if that ever moves.
 */
function fixPgQueryable(q: object): void {
  const target = q as { performIO?: PerformIO };
  if (typeof target.performIO !== 'function') {
    throw new Error('@prisma/adapter-pg internals changed (no performIO); revisit the "char" workaround in tools/engine.ts');
  }
  const performIO = target.performIO.bind(q);
  target.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return result;
  };
}

function fixPgAdapter(adapter: SqlDriverAdapter): void {
  fixPgQueryable(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolation) => {
    const tx = await startTransaction(isolation);
    fixPgQueryable(tx);
    return tx;
  };
}

// ─────────────────────────────── factories ───────────────────────────────

/**
 * Wraps a provider's factory so every connection the engine opens gets the fixes above
 * and is remembered: the engine does not close what it opens, and leftover SQLite
 * handles cause SQLITE_BUSY for later writers while leftover pg pools keep Node alive.
 */
class TrackingFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider: SqlMigrationAwareDriverAdapterFactory['provider'];
  readonly adapterName: string;
  private readonly open: SqlDriverAdapter[] = [];

  constructor(
    private readonly connectMain: () => Promise<SqlDriverAdapter>,
    private readonly connectShadow: () => Promise<SqlDriverAdapter>,
    private readonly fix: (a: SqlDriverAdapter) => void,
    info: { provider: SqlMigrationAwareDriverAdapterFactory['provider']; adapterName: string },
  ) {
    this.provider = info.provider;
    this.adapterName = info.adapterName;
  }

  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    this.fix(adapter);
    disposeOnce(adapter);
    this.open.push(adapter);
    return adapter;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await this.connectMain());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.track(await this.connectShadow());
  }

  /** Dispose newest first, so a shadow database is gone before the pools behind it. */
  async disposeAll(): Promise<void> {
    const errors: unknown[] = [];
    for (const adapter of this.open.splice(0).reverse()) {
      await adapter.dispose().catch((e: unknown) => errors.push(e));
    }
    if (errors.length) throw new AggregateError(errors, 'failed to close database connections');
  }
}

function sqliteFactory(url: string): TrackingFactory {
  // unixepoch-ms: the native engine stores _prisma_migrations timestamps as epoch
  // milliseconds; the adapter's default ISO text would make the table differ from the CLI's.
  // Its shadow database defaults to ':memory:', which is what we want.
  const inner = new PrismaBetterSqlite3({ url }, { timestampFormat: 'unixepoch-ms' });
  return new TrackingFactory(
    () => inner.connect(),
    () => inner.connectToShadowDb(),
    fixSqliteAdapter,
    inner,
  );
}

/**
 * PostgreSQL shadow databases are created here rather than by PrismaPg, whose cleanup
 * issues DROP DATABASE while its own pool to that database is still open (so the drop
 * fails and the database leaks) and never closes the maintenance pool. We close the
 * shadow pool first, then drop, then close the maintenance connection.
 */
async function connectPgShadow(serverUrl: string): Promise<SqlDriverAdapter> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `xinbao_shadow_${process.pid}_${Date.now().toString(36)}`;
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch (e) {
    await admin.end();
    throw e;
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // A connection string wins over separate config keys in pg, so rewrite the URL itself.
  const adapter = await new PrismaPg({ connectionString: url.toString() }).connect();
  const close = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    try {
      await close();
    } finally {
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      } finally {
        await admin.end();
      }
    }
  };
  return adapter;
}

function postgresFactory(url: string, serverUrl: string): TrackingFactory {
  const inner = new PrismaPg({ connectionString: url });
  return new TrackingFactory(
    () => inner.connect(),
    () => connectPgShadow(serverUrl),
    fixPgAdapter,
    inner,
  );
}

/** Fail with a readable message instead of a pool timeout deep inside the engine. */
export async function assertPostgresReachable(url = postgresUrl()): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (e) {
    throw new Error(`PostgreSQL is unreachable at ${redactUrl(url)}: ${(e as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

// ─────────────────────────────── running the engine ───────────────────────────────

export interface EngineOptions {
  provider: Provider;
  /** Main database. SQLite defaults to ':memory:', PostgreSQL to POSTGRES_URL. */
  url?: string;
  /** Optional schema the engine starts with (only some commands need it). */
  schema?: { path: string; content: string };
}

/**
 * Runs `fn` with a fresh engine and closes every connection it opened, even on error.
 * Engine errors (name SchemaConnectorError, Prisma code such as P3006) already carry
 * the database's own message, so they are passed through unchanged.
 */
export async function withEngine<T>(opts: EngineOptions, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  loadWasm();
  const factory =
    opts.provider === 'sqlite'
      ? sqliteFactory(opts.url ?? ':memory:')
      : postgresFactory(opts.url ?? postgresUrl(), shadowServerUrl());
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const log = (line: string) => {
    if (process.env.XINBAO_ENGINE_DEBUG) console.error(`[schema-engine] ${line}`);
  };
  let engine: SchemaEngine | undefined;
  try {
    engine = await glue.SchemaEngine.new(
      { datamodels: opts.schema ? [[opts.schema.path, opts.schema.content]] : undefined },
      log,
      bound,
    );
    return await fn(engine);
  } finally {
    engine?.free();
    await factory.disposeAll();
  }
}

/** A migrations folder in the shape the engine expects (what the Prisma CLI builds). */
export function readMigrationsList(dir: string): MigrationList {
  let lock: string | null = null;
  try {
    lock = readFileSync(path.join(dir, LOCKFILE), 'utf8');
  } catch {
    lock = null;
  }
  return {
    baseDir: dir,
    lockfile: { path: LOCKFILE, content: lock },
    shadowDbInitScript: '',
    migrationDirectories: migrationFolders(dir).map((name) => {
      let content: { tag: 'ok'; value: string } | { tag: 'error'; value: string };
      try {
        content = { tag: 'ok', value: readFileSync(path.join(dir, name, 'migration.sql'), 'utf8') };
      } catch (e) {
        content = { tag: 'error', value: (e as Error).message };
      }
      return { path: name, migrationFile: { path: 'migration.sql', content } };
    }),
  };
}

/**
 * SQL that takes the database built by the migrations folder to the schema, or null
 * when they already match. The engine replays the folder on a shadow database.
 * (createMigration would be the obvious call, but on SQLite the wasm engine insists on
 * an externally provided shadow database and fails; diff does the same job.)
 */
export async function diffMigrationsToSchema(
  provider: Provider,
  migrationsDir: string,
  schema: { path: string; content: string },
): Promise<string | null> {
  return withEngine({ provider, schema }, async (engine) => {
    const result = await engine.diff({
      from: { tag: 'migrations', ...readMigrationsList(migrationsDir) },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: true,
      filters: NO_FILTER,
    });
    if (result.exitCode === 0) return null;
    if (result.exitCode !== 2) throw new Error(`schema engine diff exited with ${result.exitCode}`);
    return result.stdout ?? '';
  });
}

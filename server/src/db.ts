import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { Config } from './config.js';
import { PrismaClient } from './generated/sqlite/client.js';
import { serialisedSqlite } from './db/sqlite-serial.js';

export type { Prisma } from './generated/sqlite/client.js';

/**
 * The Prisma client, a module-level value (not part of the GraphQL context).
 * Typed as the SQLite client: the PostgreSQL client is generated from the same
 * models, so rows and queries have the same shape; only the classes differ.
 */
export type Db = PrismaClient;
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

let current: { client: Db; kind: Config['database']['kind'] } | undefined;

export function db(): Db {
  if (!current) throw new Error('database not opened: call openDb() first');
  return current.client;
}

export function dbKind(): Config['database']['kind'] {
  if (!current) throw new Error('database not opened');
  return current.kind;
}

/** Opens the database; on SQLite confirms WAL and sets durable pragmas. */
export async function openDb(database: Config['database']): Promise<Db> {
  if (current) throw new Error('database already open');
  let client: Db;
  if (database.kind === 'sqlite') {
    const factory = new PrismaBetterSqlite3(
      { url: database.url, timeout: 10_000 },
      // The native engine stores epoch milliseconds; stay compatible with it.
      { timestampFormat: 'unixepoch-ms' },
    );
    client = new PrismaClient({ adapter: serialisedSqlite(factory) });
    const [mode] = await client.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode = WAL');
    if (mode?.journal_mode !== 'wal') {
      await client.$disconnect();
      throw new Error(`SQLite refused WAL mode (journal_mode=${mode?.journal_mode}); is the file on a network share?`);
    }
    await client.$executeRawUnsafe('PRAGMA synchronous = FULL');
    await client.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  } else {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const { PrismaClient: PgClient } = await import('./generated/postgres/client.js');
    const pgClient = new PgClient({ adapter: new PrismaPg({ connectionString: database.url, max: 10 }) });
    client = pgClient as unknown as Db;
  }
  current = { client, kind: database.kind };
  return client;
}

export async function closeDb(): Promise<void> {
  const c = current;
  current = undefined;
  await c?.client.$disconnect();
}

import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';
import { Mutex } from '../lib/mutex.js';

/**
 * Serialises every use of the single better-sqlite3 connection.
 *
 * Why: the stock adapter only serialises transactions against each other. A query
 * issued outside a transaction runs on the same connection while another
 * transaction is open, so it would read that transaction's uncommitted rows — an
 * event reader could deliver an event whose transaction later rolls back. Holding
 * one lock from BEGIN to COMMIT/ROLLBACK, and around every other statement, means
 * readers only ever see committed state and there is exactly one writer
 * (prisma/prisma#29933 is about a second writer hitting SQLITE_BUSY at COMMIT).
 */
export function serialisedSqlite(inner: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await inner.connect();
      const lock = new Mutex();
      const wrapped: SqlDriverAdapter = {
        provider: adapter.provider,
        adapterName: adapter.adapterName,
        queryRaw: (q: SqlQuery) => lock.run(() => adapter.queryRaw(q)),
        executeRaw: (q: SqlQuery) => lock.run(() => adapter.executeRaw(q)),
        executeScript: (s: string) => lock.run(() => adapter.executeScript(s)),
        dispose: () => lock.run(() => adapter.dispose()),
        async startTransaction(level?: IsolationLevel): Promise<Transaction> {
          const release = await lock.acquire();
          let tx: Transaction;
          try {
            tx = await adapter.startTransaction(level);
          } catch (e) {
            release();
            throw e;
          }
          let released = false;
          const done = () => {
            if (!released) {
              released = true;
              release();
            }
          };
          return {
            provider: tx.provider,
            adapterName: tx.adapterName,
            options: tx.options,
            queryRaw: (q: SqlQuery) => tx.queryRaw(q),
            executeRaw: (q: SqlQuery) => tx.executeRaw(q),
            // The engine sends COMMIT / ROLLBACK itself and then calls these.
            commit: () => tx.commit().finally(done),
            rollback: () => tx.rollback().finally(done),
            createSavepoint: tx.createSavepoint?.bind(tx),
            rollbackToSavepoint: tx.rollbackToSavepoint?.bind(tx),
            releaseSavepoint: tx.releaseSavepoint?.bind(tx),
          } as Transaction;
        },
      };
      if (adapter.getConnectionInfo) wrapped.getConnectionInfo = adapter.getConnectionInfo.bind(adapter);
      return wrapped;
    },
  };
}

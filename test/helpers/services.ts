import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL + Redis suites need both services. They fail loudly when the
 * addresses are missing or unreachable: a suite that silently skips proves nothing.
 */
export function serviceUrls(): { postgres: string; redis: string } {
  const postgres = process.env.TEST_POSTGRES_URL;
  const redis = process.env.TEST_REDIS_URL;
  if (!postgres || !redis) {
    throw new Error('TEST_POSTGRES_URL and TEST_REDIS_URL must be set for the PostgreSQL + Redis suites');
  }
  return { postgres, redis };
}

/** Creates an empty database for one test file; returns its URL and a drop function. */
export async function createTestDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `xinbao_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect().catch((err: Error) => {
    throw new Error(`PostgreSQL unreachable at ${baseUrl}: ${err.message}`);
  });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

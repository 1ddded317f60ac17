import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../server/src/app.js';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { createFixture, type Fixture } from './fixtures.js';
import { createTestDatabase, serviceUrls } from './services.js';

export interface TestServer {
  app: App;
  port: number;
  url: string;
  wsUrl: string;
  dbFile: string | undefined;
  stop(): Promise<void>;
}

/** A fresh temporary SQLite file URL (removed by the caller's stop()). */
export function tempSqliteUrl(): { url: string; file: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-test-'));
  const file = path.join(dir, 'test.db');
  return { url: `file:${file}`, file, dir };
}

/**
 * Starts the real server in this process on a random port, on a freshly migrated
 * database (a temporary SQLite file unless DATABASE_URL is given).
 */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  // TEST_DATABASE=postgres (the pg-integration project): a fresh PostgreSQL database instead
  const onPostgres = !env.DATABASE_URL && process.env.TEST_DATABASE === 'postgres';
  const pgDb = onPostgres ? await createTestDatabase(serviceUrls().postgres) : undefined;
  const tmp = env.DATABASE_URL || pgDb ? undefined : tempSqliteUrl();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    WEB_DIST: '',
    EVENT_POLL_MS: '1000',
    ...(tmp ? { DATABASE_URL: tmp.url } : {}),
    ...(pgDb ? { DATABASE_URL: pgDb.url } : {}),
    ...env,
  });
  const app = await createApp(config);
  const port = await app.start();
  return {
    app,
    port,
    url: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    dbFile: tmp?.file,
    stop: async () => {
      await app.stop();
      if (tmp) fs.rmSync(tmp.dir, { recursive: true, force: true });
      await pgDb?.drop();
    },
  };
}

/** The usual setup of an integration test file: a server (with `env`) on a fresh database and the fixture, stopped after the file. */
export function useTestServer(env: Record<string, string> = {}): { srv: TestServer; fx: Fixture } {
  const ctx = {} as { srv: TestServer; fx: Fixture };
  beforeAll(async () => {
    ctx.srv = await startServer(env);
    ctx.fx = await createFixture();
  });
  afterAll(() => ctx.srv?.stop());
  return ctx;
}

import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql ships CJS (main) and ESM (module) builds. Node loads the CJS one for
// graphql-yoga; Vite would give our sources the ESM one, and `instanceof
// GraphQLError` then fails across the two copies. Pin everyone to Node's choice.
const graphqlEntry = createRequire(new URL('../server/package.json', import.meta.url)).resolve('graphql');
const resolve = { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] };

/**
 * Projects, each run by the root test command:
 *  - unit:        pure functions beside the code (server/src/**\/*.test.ts)
 *  - integration: the real server in-process on migrated SQLite databases
 *  - e2e:         headless Chromium against a running server
 *  - pg:          PostgreSQL + Redis suites (need TEST_POSTGRES_URL and TEST_REDIS_URL)
 *  - pg-integration: the integration suite again, each file on a fresh PostgreSQL
 *                 database (TEST_DATABASE=postgres, see helpers/server.ts); all but the
 *                 SQLite file backup, which PostgreSQL does not have
 */
export default defineConfig({
  test: {
    projects: [
      { resolve, test: { name: 'unit', root: '..', include: ['server/src/**/*.test.ts', 'prisma/**/*.test.ts'], exclude: ['**/node_modules/**'] } },
      { resolve, test: { name: 'integration', root: '.', include: ['integration/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
      { resolve, test: { name: 'e2e', root: '.', include: ['e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
      {
        resolve,
        test: {
          name: 'pg-integration',
          root: '.',
          include: ['integration/**/*.test.ts'],
          exclude: ['integration/backup.test.ts', '**/node_modules/**'],
          env: { TEST_DATABASE: 'postgres' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      { resolve, test: { name: 'pg', root: '.', include: ['pg/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});

import { afterAll, beforeAll, describe, it } from 'vitest';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { concurrentWritersScenario } from '../helpers/scenarios.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { createTestDatabase, serviceUrls } from '../helpers/services.js';

let srv: TestServer;
let fx: Fixture;
let drop: () => Promise<void>;

beforeAll(async () => {
  const { postgres } = serviceUrls();
  const database = await createTestDatabase(postgres);
  drop = database.drop;
  srv = await startServer({ DATABASE_URL: database.url });
  fx = await createFixture();
});
afterAll(async () => {
  await srv?.stop();
  await drop?.();
});

describe('concurrent writers on PostgreSQL', () => {
  // Concurrent transactions on PostgreSQL may commit out of order; the counter
  // row lock makes sequence order commit order, which this checks end to end.
  it('8 writers × 50 items: a gap-free sequence matching the rows, each event delivered once', async () => {
    await concurrentWritersScenario(srv, fx, { writers: 8, perWriter: 50 });
  });
});

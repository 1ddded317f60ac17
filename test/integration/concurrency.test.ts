import { afterAll, beforeAll, describe, it } from 'vitest';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { concurrentWritersScenario } from '../helpers/scenarios.js';

let srv: TestServer;
let fx: Fixture;

beforeAll(async () => {
  srv = await startServer();
  fx = await createFixture();
});
afterAll(() => srv.stop());

describe('concurrent writers on SQLite', () => {
  it('8 writers × 50 items: a gap-free sequence matching the rows, each event delivered once', async () => {
    await concurrentWritersScenario(srv, fx, { writers: 8, perWriter: 50 });
  });
});

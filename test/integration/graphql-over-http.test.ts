import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
beforeAll(async () => {
  // Development settings: the audit's variables check queries `__type`, which the
  // production settings refuse on purpose (introspection off).
  srv = await startServer();
});
afterAll(() => srv.stop());

describe('GraphQL over HTTP compliance (graphql-http audit)', () => {
  it('passes every MUST rule', async () => {
    const audits = serverAudits({ url: srv.url, fetchFn: fetch });
    const results = await Promise.all(audits.map((a) => a.fn()));
    const mustFailures = results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok');
    const shouldFailures = results.filter((r) => !r.name.startsWith('MUST') && r.status !== 'ok');
    console.log(`graphql-http audit: ${results.length} audits, ${results.filter((r) => r.status === 'ok').length} ok, ${mustFailures.length} MUST failures, ${shouldFailures.length} SHOULD/MAY notes`);
    for (const r of shouldFailures) console.log(`  ${r.status}: ${r.name}`);
    expect(mustFailures.map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`)).toEqual([]);
  });
});

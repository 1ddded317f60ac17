import http from 'node:http';
import { afterEach, expect, it, vi } from 'vitest';
import { log } from '../../server/src/log.js';
import { createFixture } from '../helpers/fixtures.js';
import { EVENTS_SUB, gql, itemInput, SUBMIT, subscribeWs, wsClient } from '../helpers/graphql.js';
import { startServer } from '../helpers/server.js';

// A restart (a deployment, a service manager's stop) with the wall's SSE stream and a
// leader's WebSocket open: the streams end and every connection closes by itself, so
// nothing has to be cut off by the 5-second force. Before, the SSE connection went
// idle only after its stream ended, was left open, and waited for the force.

afterEach(() => vi.restoreAllMocks());

/**
 * An SSE subscription over a keep-alive agent that, like a browser, keeps an idle
 * connection for minutes (fetch's own pool drops it after 4 s, which would hide a
 * server that leaves it open). Resolves `ended` when the response ends.
 */
function sseOverKeepAlive(url: string, token: string, variables: Record<string, unknown>) {
  const agent = new http.Agent({ keepAlive: true });
  let body = '';
  const ended = new Promise<void>((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
    });
    req.on('response', (res) => {
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', resolve);
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify({ query: EVENTS_SUB, variables }));
  });
  return { agent, ended, received: () => body };
}

it('a stop ends open SSE and WebSocket subscriptions and closes every connection without forcing one', async () => {
  const warn = vi.spyOn(log, 'warn');
  const srv = await startServer();
  const fx = await createFixture();
  const head = (await gql(srv.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
  const sse = sseOverKeepAlive(srv.url, fx.tokens.office, { afterSeq: head });
  const client = wsClient(srv.wsUrl, fx.tokens.office);
  const ws = subscribeWs(client, { afterSeq: head });
  const item = (await gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, 'before the stop') }, fx.tokens.infDept)).data.submitItem.id as string;
  await ws.collector.until((es) => es.length === 1);

  await srv.stop();

  await sse.ended;
  expect(sse.received()).toContain(item);
  expect(sse.received()).toContain('event: complete');
  expect(warn.mock.calls.map(([msg]) => msg)).not.toContain('stopping: connections still busy after 5 s closed by force');
  sse.agent.destroy();
  await client.dispose();
});

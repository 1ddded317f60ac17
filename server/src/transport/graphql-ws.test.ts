import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterEach, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { PROTOCOL, serveGraphqlWs, type GraphqlWsHandle } from './graphql-ws.js';

// settled(): a server's stop waits for the operations still running before it closes
// the database under them. A query whose resolver is held open stands for one that is
// still reading when the stop begins.

let gate: () => void = () => {};
let entered: () => void = () => {};
const schema = createSchema({
  typeDefs: 'type Query { slow: String }',
  resolvers: {
    Query: {
      slow: () =>
        new Promise<string>((resolve) => {
          gate = () => resolve('done');
          entered();
        }),
    },
  },
});

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(): Promise<{ handle: GraphqlWsHandle; url: string; wss: WebSocketServer }> {
  server = createServer();
  const wss = new WebSocketServer({ server });
  const handle = serveGraphqlWs(wss, {
    yoga: createYoga({ schema, logging: false }),
    keepAliveMs: 60_000,
    addressOf: () => null,
    maxSubscriptionsPerSocket: 20,
    production: false,
    onConnect: async () => ({ viewer: null }),
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { handle, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, wss };
}

async function connect(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url, PROTOCOL);
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ type: 'connection_init' }));
  await new Promise((resolve) => ws.once('message', resolve));
  return ws;
}

it('settles only once an operation still running has finished', async () => {
  const { handle, url, wss } = await serve();
  const ws = await connect(url);
  const inResolver = new Promise<void>((resolve) => (entered = resolve));
  ws.send(JSON.stringify({ type: 'subscribe', id: 'q', payload: { query: '{ slow }' } }));
  await inResolver;

  let settled = false;
  const waiting = handle.settled(5000).then(() => (settled = true));
  ws.close(); // the client going away does not end the work already started
  await new Promise((r) => setTimeout(r, 100));
  expect(settled).toBe(false);

  gate();
  await waiting;
  expect(settled).toBe(true);
  handle.stop();
  wss.close();
});

it('settles at once when nothing runs, and gives up after its limit on an operation that never ends', async () => {
  const { handle, url, wss } = await serve();
  let t = Date.now();
  await handle.settled(5000);
  expect(Date.now() - t).toBeLessThan(1000); // not the 5 s limit

  const ws = await connect(url);
  const inResolver = new Promise<void>((resolve) => (entered = resolve));
  ws.send(JSON.stringify({ type: 'subscribe', id: 'q', payload: { query: '{ slow }' } }));
  await inResolver;
  t = Date.now();
  await handle.settled(300);
  expect(Date.now() - t).toBeGreaterThanOrEqual(290);
  gate();
  ws.close();
  handle.stop();
  wss.close();
});

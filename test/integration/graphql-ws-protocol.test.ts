// The server's own graphql-transport-ws implementation (server/src/transport/graphql-ws.ts),
// spoken by hand so that every rule of the protocol is checked, not only the paths the
// graphql-ws client happens to use.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../helpers/fixtures.js';
import { EVENTS_SUB, gql, itemInput, SUBMIT } from '../helpers/graphql.js';
import { startServer, type TestServer } from '../helpers/server.js';

let srv: TestServer;
let fx: Fixture;

beforeAll(async () => {
  srv = await startServer({ KEEPALIVE_MS: '1000' });
  fx = await createFixture();
});
afterAll(() => srv.stop());

interface Raw {
  ws: WebSocket;
  messages: any[];
  closed: Promise<{ code: number; reason: string }>;
  send(m: unknown): void;
  next(pred?: (m: any) => boolean, timeoutMs?: number): Promise<any>;
}

async function open(opts: { protocol?: string | null; autoPong?: boolean } = {}): Promise<Raw> {
  const protocol = opts.protocol === undefined ? 'graphql-transport-ws' : opts.protocol;
  const ws = new WebSocket(srv.wsUrl, protocol ?? undefined, { autoPong: opts.autoPong ?? true });
  const messages: any[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (d) => {
    messages.push(JSON.parse(String(d)));
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let seen = 0;
  return {
    ws,
    messages,
    closed,
    send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    async next(pred = () => true, timeoutMs = 5000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        while (seen < messages.length) {
          const m = messages[seen++];
          if (pred(m)) return m;
        }
        if (Date.now() > end) throw new Error(`no matching message; got ${JSON.stringify(messages)}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
    },
  };
}

async function acked(token?: string): Promise<Raw> {
  const c = await open();
  c.send({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} });
  await c.next((m) => m.type === 'connection_ack');
  return c;
}

describe('graphql-transport-ws', () => {
  it('refuses a socket without the protocol (4406)', async () => {
    const c = await open({ protocol: null });
    expect((await c.closed).code).toBe(4406);
  });

  it('closes a connection that never initialises (4408), one that initialises twice (4429), and bad messages (4400)', async () => {
    const silent = await open();
    expect((await silent.closed).code).toBe(4408);

    const twice = await acked();
    twice.send({ type: 'connection_init' });
    expect((await twice.closed).code).toBe(4429);

    for (const bad of ['not json', '{"no":"type"}', '{"type":"nonsense"}', '{"type":"subscribe","id":"1","payload":{}}']) {
      const c = await acked();
      c.send(bad);
      expect((await c.closed).code).toBe(4400);
    }
  });

  it('refuses subscribe before the ack (4401) and a duplicate id (4409)', async () => {
    const early = await open();
    early.send({ type: 'subscribe', id: '1', payload: { query: '{ eventSeq }' } });
    expect((await early.closed).code).toBe(4401);

    const dup = await acked(fx.tokens.display);
    const sub = { type: 'subscribe', id: 'same', payload: { query: EVENTS_SUB } };
    dup.send(sub);
    dup.send(sub);
    expect((await dup.closed).code).toBe(4409);
  });

  it('answers ping with pong (echoing the payload), runs queries and reports errors as `error` or `next`', async () => {
    const c = await acked(fx.tokens.office);
    c.send({ type: 'ping', payload: { n: 1 } });
    expect(await c.next((m) => m.type === 'pong')).toEqual({ type: 'pong', payload: { n: 1 } });

    c.send({ type: 'subscribe', id: 'q', payload: { query: '{ eventSeq }' } });
    const next = await c.next((m) => m.id === 'q' && m.type === 'next');
    expect(typeof next.payload.data.eventSeq).toBe('number');
    await c.next((m) => m.id === 'q' && m.type === 'complete');

    // Invalid document: an `error` message, and the socket stays open.
    c.send({ type: 'subscribe', id: 'bad', payload: { query: '{ noSuchField }' } });
    const err = await c.next((m) => m.id === 'bad');
    expect(err.type).toBe('error');
    expect(err.payload[0].message).toMatch(/noSuchField/);

    // A subscription refused by its resolver: `next` with the error, then `complete`.
    const anon = await acked();
    anon.send({ type: 'subscribe', id: 's', payload: { query: EVENTS_SUB } });
    const refused = await anon.next((m) => m.id === 's');
    expect(refused.type).toBe('next');
    expect(refused.payload.errors[0].extensions.code).toBe('auth/unauthenticated');
    await anon.next((m) => m.id === 's' && m.type === 'complete');
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.ws.close();
    anon.ws.close();
  });

  it('delivers events to a subscription until the client completes it, then nothing more', async () => {
    const c = await acked(fx.tokens.display);
    const head = (await gql(srv.url, '{ eventSeq }', {}, fx.tokens.office)).data.eventSeq as number;
    c.send({ type: 'subscribe', id: 'ev', payload: { query: EVENTS_SUB, variables: { afterSeq: head } } });
    await gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, 'p1') }, fx.tokens.infDept);
    const first = await c.next((m) => m.id === 'ev' && m.type === 'next');
    expect(first.payload.data.events.seq).toBe(head + 1);
    c.send({ type: 'complete', id: 'ev' });
    await new Promise((r) => setTimeout(r, 200));
    const count = c.messages.length;
    await gql(srv.url, SUBMIT, { input: itemInput(fx.units.dept, 'p2') }, fx.tokens.infDept);
    await new Promise((r) => setTimeout(r, 1500));
    expect(c.messages.slice(count)).toEqual([]);
    // The id is free again.
    c.send({ type: 'subscribe', id: 'ev', payload: { query: EVENTS_SUB, variables: { afterSeq: head + 1 } } });
    expect((await c.next((m) => m.id === 'ev' && m.type === 'next')).payload.data.events.seq).toBe(head + 2);
    c.ws.close();
  });

  it('terminates a socket that stops answering pings', async () => {
    const c = await open({ autoPong: false });
    c.send({ type: 'connection_init', payload: { authorization: `Bearer ${fx.tokens.display}` } });
    await c.next((m) => m.type === 'connection_ack');
    const t = Date.now();
    const { code } = await c.closed;
    expect(code).toBe(1006); // terminated, no close frame
    expect(Date.now() - t).toBeLessThan(5000);
  });

  it('limits subscriptions per socket with an error, not a silent drop', async () => {
    const c = await acked(fx.tokens.display);
    for (let i = 0; i < 21; i++) c.send({ type: 'subscribe', id: `s${i}`, payload: { query: EVENTS_SUB } });
    const err = await c.next((m) => m.type === 'error');
    expect(err.id).toBe('s20');
    expect(err.payload[0].message).toMatch(/20/);
    c.ws.close();
  });
});

import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GqlResult<T = any> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** One GraphQL request over HTTP. */
export async function gql<T = any>(url: string, query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GqlResult<T>;
}

export const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitItemInput!) {
    submitItem(input: $input) { id title status unit { id name } author { id name } enteredBy { id name } }
  }
`;

export function itemInput(unitId: string, n: number | string, extra: Record<string, unknown> = {}) {
  return {
    unitId,
    category: 'WORK_PROGRESS',
    channel: 'WRITTEN',
    title: `测试信息 ${n}`,
    body: `第 ${n} 条测试信息的正文。`,
    occurredAt: new Date(Date.now() - 3600_000).toISOString(),
    ...extra,
  };
}

export const EVENTS_SUB = /* GraphQL */ `
  subscription Events($afterSeq: Int, $kinds: [EventKind!], $unitIds: [ID!]) {
    events(afterSeq: $afterSeq, kinds: $kinds, unitIds: $unitIds) { seq kind entityId unitId at }
  }
`;

export interface StreamEvent {
  seq: number;
  kind: string;
  entityId: string;
  unitId: string | null;
  at: string;
}

/** Collects a subscription's events; `until` waits for a condition on them. */
export class Collector {
  events: StreamEvent[] = [];
  errors: unknown[] = [];
  completed = false;
  #waiters: (() => void)[] = [];

  push(e: StreamEvent): void {
    this.events.push(e);
    for (const w of this.#waiters.splice(0)) w();
  }

  fail(err: unknown): void {
    this.errors.push(err);
    for (const w of this.#waiters.splice(0)) w();
  }

  async until(cond: (events: StreamEvent[]) => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!cond(this.events)) {
      if (this.errors.length) throw new Error(`subscription failed: ${JSON.stringify(this.errors)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out with ${this.events.length} events (last seq ${this.events.at(-1)?.seq})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  seqs(): number[] {
    return this.events.map((e) => e.seq);
  }
}

export function wsClient(wsUrl: string, token?: string): Client {
  return createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/**
 * A signed-in graphql-ws socket by hand, once acknowledged; `closed` resolves with its
 * close code and reason (to see why the server closed it).
 */
export function ackedSocket(wsUrl: string, token: string): Promise<{ closed: Promise<{ code: number; reason: string }>; ws: WebSocket }> {
  return new Promise((ready, fail) => {
    const ws = new WebSocket(wsUrl, 'graphql-transport-ws');
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
    ws.on('error', fail);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    ws.on('message', (m) => {
      if (JSON.parse(String(m)).type === 'connection_ack') ready({ closed, ws });
    });
  });
}

/** Subscribes to the event stream over graphql-ws; returns the collector and an unsubscribe. */
export function subscribeWs(client: Client, variables: Record<string, unknown> = {}) {
  const c = new Collector();
  const unsubscribe = client.subscribe<{ events: StreamEvent }>(
    { query: EVENTS_SUB, variables },
    {
      next: (r) => (r.data ? c.push(r.data.events) : c.fail(r.errors)),
      error: (e) => c.fail(e),
      complete: () => (c.completed = true),
    },
  );
  return { collector: c, unsubscribe };
}

/** Subscribes over Server-Sent Events (GraphQL over SSE, distinct connections mode). */
export function subscribeSse(url: string, variables: Record<string, unknown> = {}, token?: string) {
  const c = new Collector();
  const ctrl = new AbortController();
  const ready = (async () => {
    const res = await fetch(url, {
      method: 'POST',
      signal: ctrl.signal,
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: EVENTS_SUB, variables }),
    });
    if (!res.ok || !res.body) throw new Error(`SSE failed: ${res.status}`);
    return res.body;
  })();
  void (async () => {
    try {
      const body = await ready;
      const decoder = new TextDecoder();
      let buf = '';
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const lines = block.split('\n');
          const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
          const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
          if (event === 'complete') c.completed = true;
          else if (data) {
            const r = JSON.parse(data) as GqlResult<{ events: StreamEvent }>;
            if (r.data) c.push(r.data.events);
            else c.fail(r.errors);
          }
        }
      }
      c.completed = true;
    } catch (err) {
      if ((err as Error).name !== 'AbortError') c.fail(err);
    }
  })();
  return { collector: c, close: () => ctrl.abort() };
}

/** Waits until a subscription has been set up server-side (the stream has started). */
export const settle = (ms = 200) => new Promise((r) => setTimeout(r, ms));

import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { EVENTS_SUB, type StreamEvent } from './graphql.js';

/**
 * A subscriber that behaves like the dashboard: when its connection drops it
 * reconnects (to the next instance in the list) and resumes with afterSeq = the
 * last sequence it saw. It records every event, so a test can check that each
 * arrived exactly once and in order.
 */
export class ResilientSubscriber {
  seqs: number[] = [];
  reconnects = 0;
  #stopped = false;
  #close: (() => void) | undefined;
  #attempt = 0;

  constructor(
    private readonly transport: 'ws' | 'sse',
    private readonly bases: string[], // http://127.0.0.1:port
    private readonly token: string,
    private lastSeq: number,
    private readonly startAt = 0,
  ) {}

  get last(): number {
    return this.lastSeq;
  }

  start(): void {
    this.#connect(this.startAt);
  }

  stop(): void {
    this.#stopped = true;
    this.#close?.();
  }

  #onEvent(e: StreamEvent): void {
    this.seqs.push(e.seq);
    this.lastSeq = e.seq;
  }

  #retry(): void {
    if (this.#stopped) return;
    this.reconnects++;
    setTimeout(() => this.#connect(this.#attempt + 1), 200 + Math.random() * 300);
  }

  #connect(attempt: number): void {
    if (this.#stopped) return;
    this.#attempt = attempt;
    const base = this.bases[attempt % this.bases.length]!;
    if (this.transport === 'ws') this.#connectWs(base);
    else this.#connectSse(base);
  }

  #connectWs(base: string): void {
    const client = createClient({
      url: base.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${this.token}` },
      retryAttempts: 0,
      keepAlive: 5_000,
    });
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      void client.dispose();
      this.#retry();
    };
    const unsubscribe = client.subscribe<{ events: StreamEvent }>(
      { query: EVENTS_SUB, variables: { afterSeq: this.lastSeq } },
      { next: (r) => r.data && this.#onEvent(r.data.events), error: end, complete: end },
    );
    this.#close = () => {
      ended = true;
      unsubscribe();
      void client.dispose();
    };
  }

  #connectSse(base: string): void {
    const ctrl = new AbortController();
    this.#close = () => ctrl.abort();
    void (async () => {
      try {
        const res = await fetch(base + '/graphql', {
          method: 'POST',
          signal: ctrl.signal,
          headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${this.token}` },
          body: JSON.stringify({ query: EVENTS_SUB, variables: { afterSeq: this.lastSeq } }),
        });
        if (!res.ok || !res.body) throw new Error(`SSE ${res.status}`);
        const decoder = new TextDecoder();
        let buf = '';
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buf += decoder.decode(chunk, { stream: true });
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('');
            if (!data) continue;
            const r = JSON.parse(data) as { data?: { events: StreamEvent } };
            if (r.data) this.#onEvent(r.data.events);
          }
        }
      } catch {
        /* dropped: reconnect below */
      }
      if (!ctrl.signal.aborted) this.#retry();
    })();
  }
}

/** Checks that a subscriber saw exactly from+1 … to, once each, in order. */
export function exactlyOnceInOrder(seqs: number[], from: number, to: number): boolean {
  if (seqs.length !== to - from) return false;
  return seqs.every((s, i) => s === from + 1 + i);
}

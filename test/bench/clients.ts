// Load generator: a share of the subscribers, in its own process. It speaks the
// graphql-transport-ws protocol by hand (connection_init → ack → subscribe) or,
// for the floor, just holds a bare WebSocket open. On the hot path a delivery costs
// one timestamp and two array pushes; messages are parsed only when reporting, so
// the client's own CPU adds as little as possible to the latency it measures.
import WebSocket from 'ws';
import { nextMillisecond, preciseClock, serve, type Cmd } from './ipc.js';

const clock = preciseClock();
const now = clock.now;

/** Deliveries recorded for one group of connections (one transport). */
interface Rec {
  times: number[];
  datas: Buffer[];
}

interface Conn {
  ws: WebSocket;
  ready: boolean;
  got: number;
  /** Null: this connection only counts its deliveries (see `recordEvery`). */
  rec: Rec | null;
}

/** Connections by tag: the runner holds both transports' subscribers open at once. */
const groups = new Map<string, { conns: Conn[]; rec: Rec }>();

function open(url: string, mode: 'gql' | 'bare', init: string, subscribe: string, rec: Rec | null): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, mode === 'gql' ? 'graphql-transport-ws' : undefined, { perMessageDeflate: false });
    const c: Conn = { ws, ready: false, got: 0, rec };
    const fail = (err: unknown) => reject(err instanceof Error ? err : new Error(String(err)));
    ws.on('error', fail); // after ready, a drop shows up as open < conns in status()
    ws.once('close', (code, reason) => {
      if (!c.ready) fail(new Error(`closed before ready: ${code} ${reason}`));
    });
    ws.on('message', (data: Buffer) => {
      const t = now();
      if (c.ready) {
        if (c.rec) {
          c.rec.times.push(t);
          c.rec.datas.push(data);
        }
        c.got++;
        return;
      }
      const m = JSON.parse(data.toString()) as { type: string };
      if (m.type === 'connection_ack') {
        ws.send(subscribe);
        c.ready = true; // the server has no "subscribed" reply; the runner's warm-up events confirm it
        resolve(c);
      } else if (m.type === 'ping') ws.send('{"type":"pong"}');
    });
    ws.once('open', () => {
      if (mode === 'gql') ws.send(init);
      else {
        c.ready = true;
        resolve(c);
      }
    });
  });
}

async function connect(cmd: Cmd) {
  const { tag, url, mode, count, query, tokens, recordEvery = 1 } = cmd as unknown as {
    tag: string;
    url: string;
    mode: 'gql' | 'bare';
    count: number;
    query: string;
    /** One bearer token per connection (graphql-ws only). */
    tokens?: string[];
    /**
     * Keep the deliveries of every k-th connection only (the others just count):
     * long write runs would otherwise hold millions of frames in memory.
     */
    recordEvery?: number;
  };
  const init = (k: number) => {
    const token = tokens?.[k];
    return JSON.stringify({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} });
  };
  if (groups.has(tag)) throw new Error(`group ${tag} already connected`);
  const rec: Rec = { times: [], datas: [] };
  const subscribe = JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables: {} } });
  const started = Date.now();
  const out: Conn[] = [];
  let i = 0;
  let retried = 0;
  // A few dozen handshakes in flight at a time: stays under the listen backlog.
  const worker = async () => {
    while (i < count) {
      const k = i++;
      for (let attempt = 1; ; attempt++) {
        try {
          out.push(await open(url, mode, init(k), subscribe, k % recordEvery === 0 ? rec : null));
          break;
        } catch (err) {
          // A server too busy to answer connection_init within its 3 s closes with
          // 4408; like a real client, try again (counted and reported).
          if (attempt >= 5 || !/4408/.test(String(err))) throw err;
          retried++;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(32, count) }, worker));
  groups.set(tag, { conns: out, rec });
  return { connected: out.length, ms: Date.now() - started, retried };
}

function group(cmd: Cmd) {
  const g = groups.get(cmd.tag as string);
  if (!g) throw new Error(`no group ${String(cmd.tag)}`);
  return g;
}

function status(cmd: Cmd) {
  const { conns, rec } = group(cmd);
  let withAny = 0;
  let min = Infinity;
  let open = 0;
  for (const c of conns) {
    if (c.got > 0) withAny++;
    if (c.got < min) min = c.got;
    if (c.ws.readyState === WebSocket.OPEN) open++;
  }
  return { conns: conns.length, open, withAny, minGot: conns.length ? min : 0, deliveries: rec.times.length };
}

/** Forgets every group's deliveries so far (the warm-up) and recalibrates the clock. */
function reset() {
  for (const { conns, rec } of groups.values()) {
    rec.times = [];
    rec.datas = [];
    for (const c of conns) c.got = 0;
  }
  clock.calibrate();
  return {};
}

/**
 * Latency of every recorded delivery since the last reset, grouped by event seq:
 * receive time − the event's `at`. With `clear`, forgets them afterwards (the soak
 * reads its figures interval by interval).
 */
function report(cmd: Cmd) {
  const g = group(cmd);
  const { times, datas } = g.rec;
  if (cmd.clear) {
    g.rec.times = [];
    g.rec.datas = [];
  }
  const bySeq: Record<number, number[]> = {};
  const other: string[] = [];
  let sample: string | undefined;
  for (let k = 0; k < datas.length; k++) {
    const raw = datas[k]!.toString();
    const m = JSON.parse(raw) as { type: string; payload?: { data?: { events?: { seq: number; at: string } } } };
    const e = m.type === 'next' ? m.payload?.data?.events : undefined;
    if (!e) {
      if (other.length < 5) other.push(raw);
      continue;
    }
    sample ??= raw;
    (bySeq[e.seq] ??= []).push(times[k]! - Date.parse(e.at));
  }
  // How far the monotonic clock drifted from the wall clock during the measurement
  // (measured without recalibrating: the next group's report must use the same clock).
  const drift = nextMillisecond() - now();
  return { bySeq, other, sample, drift };
}

async function disconnect(cmd: Cmd) {
  const { conns } = group(cmd);
  await Promise.all(
    conns.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.ws.readyState === WebSocket.CLOSED) return resolve();
          const t = setTimeout(() => {
            c.ws.terminate();
            resolve();
          }, 2000);
          c.ws.once('close', () => {
            clearTimeout(t);
            resolve();
          });
          c.ws.close(1000);
        }),
    ),
  );
  groups.delete(cmd.tag as string);
  return {};
}

serve({ connect, status, reset, report, disconnect });

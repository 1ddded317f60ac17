// The floor: a bare `ws` server in its own process that broadcasts one message to
// every connected client when told to. The message is a graphql-ws `next` frame of
// the same shape and size as Xinbao's (a real one is passed in as the template),
// stamped with `at` just before it is serialised once and sent to everyone.
// It also reports its own memory (after a full GC: run with --expose-gc) and its
// event-loop delay, measured exactly as Xinbao's /metrics does (10 ms resolution,
// reset at every read), so the three targets are compared on equal terms.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import { nextMillisecond, serve, type Cmd } from './ipc.js';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
const listening = new Promise<number>((resolve) => wss.once('listening', () => resolve((wss.address() as { port: number }).port)));
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

serve({
  listening: async () => ({ port: await listening }),
  count: () => ({ clients: wss.clients.size }),
  fire: (cmd: Cmd) => {
    const msg = JSON.parse(cmd.template as string) as { payload: { data: { events: { seq: number; at: string } } } };
    const e = msg.payload.data.events;
    e.seq = cmd.seq as number;
    // `at` has millisecond resolution, so stamp it on a millisecond edge: the bare
    // figures are then exact to a few µs (Xinbao's `at` is truncated, see run.ts).
    e.at = new Date(nextMillisecond()).toISOString();
    const frame = Buffer.from(JSON.stringify(msg));
    for (const ws of wss.clients) ws.send(frame);
    return { sent: wss.clients.size, bytes: frame.length };
  },
  /** Resident memory and V8 heap in use, after a full GC when `gc` is set. */
  mem: async (cmd: Cmd) => {
    const g = (globalThis as { gc?: () => void }).gc;
    if (cmd.gc) {
      if (!g) throw new Error('bare-server was started without --expose-gc');
      // Twice, a second apart, as for Xinbao: V8 gives pages back to the OS lazily.
      g();
      await new Promise((r) => setTimeout(r, 1000));
      g();
    }
    const m = process.memoryUsage();
    return { rss: m.rss, heap: m.heapUsed };
  },
  /** Event-loop delay since the previous call (ms), like xinbao_event_loop_delay_ms. */
  eld: () => {
    const r = { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
    loop.reset();
    return r;
  },
});

// The floor: a bare `ws` server in its own process that broadcasts one message to
// every connected client when told to. The message is a graphql-ws `next` frame of
// the same shape and size as Xinbao's (a real one is passed in as the template),
// stamped with `at` just before it is serialised once and sent to everyone.
import { WebSocketServer } from 'ws';
import { nextMillisecond, serve, type Cmd } from './ipc.js';

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
const listening = new Promise<number>((resolve) => wss.once('listening', () => resolve((wss.address() as { port: number }).port)));

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
});

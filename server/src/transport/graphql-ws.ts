import type { IncomingMessage } from 'node:http';
import { getOperationAST, GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Context, Viewer } from '../context.js';
import type { Fanout, LaneSubscription } from '../events/fanout.js';
import { log } from '../log.js';

/**
 * The GraphQL over WebSocket protocol (graphql-transport-ws, as spoken by the
 * graphql-ws client), served directly on `ws`. Our own rather than graphql-ws's
 * server because a wall-display deployment holds thousands of idle subscriptions:
 * here a connection is one small record with shared listeners and one keep-alive
 * sweep for all sockets, and an `events` subscription on the fan-out lane keeps no
 * per-subscription GraphQL state at all once it has started (see events/fanout.ts).
 * Every operation still runs through yoga's envelop pipeline (parse, validate,
 * limits, auth scopes, error masking) exactly as over HTTP.
 */

export const PROTOCOL = 'graphql-transport-ws';

/** Close codes of the protocol (and 1012 for a restart: clients reconnect). */
export const Close = {
  BadRequest: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  SubprotocolNotAcceptable: 4406,
  InitTimeout: 4408,
  SubscriberExists: 4409,
  TooManyInits: 4429,
  InternalError: 4500,
  Restart: 1012,
} as const;

type Op = { return?(): unknown } | LaneSubscription;

interface Conn {
  ws: WebSocket;
  address: string | null;
  params: Record<string, unknown> | undefined;
  viewer: Viewer | null;
  initReceived: boolean;
  acked: boolean;
  alive: boolean;
  /** Operations by id; null while one is being set up (a `complete` then cancels it). */
  ops: Map<string, Op | null>;
  initTimer: NodeJS.Timeout | undefined;
  onClose: (() => void) | undefined;
}

export interface GraphqlWsOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  yoga: YogaServerInstance<any, any>;
  /** The fan-out lane for `events` subscriptions; absent = every subscriber executes (stock). */
  fanout?: Fanout;
  keepAliveMs: number;
  /** The client's address of the upgrade request (see client-address.ts). */
  addressOf(req: IncomingMessage): string | null;
  initTimeoutMs?: number;
  maxSubscriptionsPerSocket: number;
  production: boolean;
  /**
   * Called with connection_init's payload: the viewer (or null: anonymous, every field
   * still checks), or false to refuse (4403). `onClose` runs when the socket closes.
   */
  onConnect(params: Record<string, unknown> | undefined, ws: WebSocket): Promise<{ viewer: Viewer | null; onClose?: () => void } | false>;
}

const conns = new WeakMap<WebSocket, Conn>();

/** What a server's shutdown needs of the WebSocket transport. */
export interface GraphqlWsHandle {
  /** Stops the keep-alive sweep. */
  stop(): void;
  /**
   * Resolves once every connection_init and operation still running has finished
   * (or after `ms`), so the database is not closed under them: an operation cut
   * off that way failed with "pool ended" and was logged as an error on every restart.
   */
  settled(ms?: number): Promise<void>;
}

/** Serves graphql-transport-ws on every connection of `wss`. */
export function serveGraphqlWs(wss: WebSocketServer, opts: GraphqlWsOptions): GraphqlWsHandle {
  /** connection_inits and operations not yet finished (a lane's operation finishes once it has joined its group). */
  const running = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    running.add(p);
    void p.finally(() => running.delete(p));
  };

  wss.options.handleProtocols = (protocols: Set<string>) => (protocols.has(PROTOCOL) ? PROTOCOL : false);

  // One sweep for all sockets, a slice per turn of the event loop: a socket that
  // did not answer the previous ping (nor sent anything since) is dead.
  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    void (async () => {
      let i = 0;
      for (const ws of [...wss.clients]) {
        if (++i % 1000 === 0) await new Promise((r) => setImmediate(r));
        const c = conns.get(ws);
        if (!c || ws.readyState !== ws.OPEN) continue;
        if (!c.alive) {
          ws.terminate();
          continue;
        }
        c.alive = false;
        ws.ping();
      }
    })().finally(() => (sweeping = false));
  }, opts.keepAliveMs);
  sweep.unref();

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    if (ws.protocol !== PROTOCOL) return ws.close(Close.SubprotocolNotAcceptable, 'Subprotocol not acceptable');
    const c: Conn = {
      ws,
      address: opts.addressOf(req),
      params: undefined,
      viewer: null,
      initReceived: false,
      acked: false,
      alive: true,
      ops: new Map(),
      initTimer: undefined,
      onClose: undefined,
    };
    conns.set(ws, c);
    c.initTimer = setTimeout(() => {
      if (!c.acked) ws.close(Close.InitTimeout, 'Connection initialisation timeout');
    }, opts.initTimeoutMs ?? 3000);
    ws.on('message', onMessage);
    ws.on('pong', onPong);
    ws.once('close', onSocketClose);
    ws.on('error', onSocketError);
  });

  function onPong(this: WebSocket) {
    const c = conns.get(this);
    if (c) c.alive = true;
  }

  function onSocketError(this: WebSocket, err: Error) {
    log.warn('websocket error', { err });
    this.terminate();
  }

  function onSocketClose(this: WebSocket) {
    const c = conns.get(this);
    if (!c) return;
    clearTimeout(c.initTimer);
    for (const op of c.ops.values()) void op?.return?.();
    c.ops.clear();
    c.onClose?.();
  }

  function onMessage(this: WebSocket, data: Buffer, isBinary: boolean) {
    const c = conns.get(this);
    if (!c) return;
    c.alive = true;
    let m: { type?: unknown; id?: unknown; payload?: unknown };
    try {
      m = JSON.parse(isBinary ? data.toString('utf8') : String(data));
    } catch {
      return this.close(Close.BadRequest, 'Invalid message received');
    }
    if (!m || typeof m !== 'object' || typeof m.type !== 'string') return this.close(Close.BadRequest, 'Invalid message received');
    switch (m.type) {
      case 'connection_init':
        return track(init(c, m.payload).catch((err) => fail(c, err)));
      case 'ping':
        return send(c, m.payload === undefined ? '{"type":"pong"}' : JSON.stringify({ type: 'pong', payload: m.payload }));
      case 'pong':
        return;
      case 'subscribe': {
        if (!c.acked) return this.close(Close.Unauthorized, 'Unauthorized');
        const p = m.payload as { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: unknown } | null;
        if (typeof m.id !== 'string' || !m.id || !p || typeof p !== 'object' || typeof p.query !== 'string') {
          return this.close(Close.BadRequest, 'Invalid message received');
        }
        if (c.ops.has(m.id)) return this.close(Close.SubscriberExists, `Subscriber for ${m.id} already exists`);
        return track(subscribe(c, m.id, p as SubscribePayload).catch((err) => operationFailed(c, m.id as string, err)));
      }
      case 'complete': {
        if (typeof m.id !== 'string') return this.close(Close.BadRequest, 'Invalid message received');
        const op = c.ops.get(m.id);
        c.ops.delete(m.id); // an operation still being set up sees this and stops
        void op?.return?.();
        return;
      }
      default:
        return this.close(Close.BadRequest, `Unexpected message of type ${m.type} received`);
    }
  }

  async function init(c: Conn, payload: unknown) {
    if (c.initReceived) return c.ws.close(Close.TooManyInits, 'Too many initialisation requests');
    c.initReceived = true;
    c.params = payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : undefined;
    const r = await opts.onConnect(c.params, c.ws);
    if (r === false) return c.ws.close(Close.Forbidden, 'Forbidden');
    if (c.ws.readyState !== c.ws.OPEN) return r.onClose?.();
    c.viewer = r.viewer;
    c.onClose = r.onClose;
    clearTimeout(c.initTimer);
    c.initTimer = undefined;
    c.acked = true;
    send(c, '{"type":"connection_ack"}');
  }

  interface SubscribePayload {
    query: string;
    variables?: Record<string, unknown> | null;
    operationName?: string | null;
    extensions?: Record<string, unknown> | null;
  }

  async function subscribe(c: Conn, id: string, payload: SubscribePayload) {
    if (c.ops.size >= opts.maxSubscriptionsPerSocket) {
      return sendErrors(c, id, [new GraphQLError(`每个连接最多 ${opts.maxSubscriptionsPerSocket} 个订阅`, { extensions: { code: 'input/invalid' } })]);
    }
    c.ops.set(id, null);
    const env = opts.yoga.getEnveloped({ connectionParams: c.params, address: c.address, params: payload });
    let document;
    try {
      document = env.parse(payload.query);
    } catch (err) {
      c.ops.delete(id);
      return sendErrors(c, id, [err instanceof GraphQLError ? err : new GraphQLError(String((err as Error)?.message ?? err))]);
    }
    const errors = env.validate(env.schema, document);
    if (errors.length) {
      c.ops.delete(id);
      return sendErrors(c, id, errors);
    }
    const operation = getOperationAST(document, payload.operationName ?? undefined);
    if (!operation) {
      c.ops.delete(id);
      return sendErrors(c, id, [new GraphQLError('Unable to identify operation')]);
    }
    const contextValue = (await env.contextFactory()) as unknown as Context;
    if (operation.operation === 'subscription' && opts.fanout) contextValue.lane = { fanout: opts.fanout, socket: c.ws, id };
    const args: ExecutionArgs = {
      schema: env.schema,
      document,
      operationName: payload.operationName ?? undefined,
      variableValues: payload.variables ?? undefined,
      contextValue,
    };
    const result = (await (operation.operation === 'subscription' ? env.subscribe(args) : env.execute(args))) as
      | ExecutionResult
      | AsyncIterableIterator<ExecutionResult>;

    const lane = contextValue.lane?.sub;
    if (lane) {
      // On the fan-out lane: the group writes the frames. Keep only the lane's record,
      // so nothing of this call (context, document, pipeline) outlives the start.
      if (c.ops.get(id) !== null) return void lane.end(); // completed by the client, or socket closed
      c.ops.set(id, lane);
      lane.onEnd = () => {
        if (c.ops.get(id) === lane) {
          c.ops.delete(id);
          send(c, completeFrame(id));
        }
      };
      return;
    }
    if (!(Symbol.asyncIterator in Object(result))) {
      if (c.ops.get(id) === null) {
        c.ops.delete(id);
        send(c, nextFrame(id, result as ExecutionResult));
        send(c, completeFrame(id));
      }
      return;
    }
    const it = result as AsyncIterableIterator<ExecutionResult>;
    if (c.ops.get(id) !== null) return void it.return?.();
    c.ops.set(id, it);
    for await (const r of it) {
      if (c.ops.get(id) !== it) break;
      send(c, nextFrame(id, r));
    }
    if (c.ops.get(id) === it) {
      c.ops.delete(id);
      send(c, completeFrame(id));
    }
  }

  function operationFailed(c: Conn, id: string, err: unknown) {
    log.error('websocket operation failed', { err });
    if (!c.ops.has(id)) return;
    c.ops.delete(id);
    const message = opts.production ? 'Unexpected error.' : err instanceof Error ? err.message : String(err);
    sendErrors(c, id, [new GraphQLError(message)]);
  }

  function fail(c: Conn, err: unknown) {
    log.error('websocket connection failed', { err });
    c.ws.close(Close.InternalError, 'Internal server error');
  }

  return {
    stop: () => clearInterval(sweep),
    settled: async (ms = 5000) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
      await Promise.race([Promise.allSettled([...running]), late]);
      clearTimeout(timer);
    },
  };
}

function send(c: Conn, frame: string) {
  if (c.ws.readyState === c.ws.OPEN) c.ws.send(frame);
}

function sendErrors(c: Conn, id: string, errors: readonly GraphQLError[]) {
  send(c, JSON.stringify({ id, type: 'error', payload: errors.map((e) => e.toJSON()) }));
}

const nextFrame = (id: string, payload: ExecutionResult) => JSON.stringify({ id, type: 'next', payload });
const completeFrame = (id: string) => JSON.stringify({ id, type: 'complete' });

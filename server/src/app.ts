import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createYoga } from 'graphql-yoga';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Config } from './config.js';
import { closeDb, db, openDb } from './db.js';
import { applyMigrations } from './db/migrate.js';
import { onEventsCommitted } from './events/event-log.js';
import { EventHub } from './events/hub.js';
import { createBus, type Bus } from './events/pubsub.js';
import { createContextFactory } from './context.js';
import { useInputErrorCodes } from './graphql-errors.js';
import { configureLog, log } from './log.js';
import { schema } from './schema/index.js';
import { createStaticHandler } from './static.js';
import { DeadlineEngine } from './modules/incident/deadline.engine.js';
import { handleExport } from './modules/assessment/exports.route.js';

/** Close code sent to WebSocket clients on shutdown: "service restart", clients reconnect. */
export const CLOSE_RESTART = 1012;

export interface App {
  server: http.Server;
  hub: EventHub;
  bus: Bus;
  engine: DeadlineEngine;
  /** Listens on config.port (0 = a random port); resolves to the port. */
  start(): Promise<number>;
  /** Graceful: stop accepting, end streams with a reconnect-friendly code, finish requests, close the database. */
  stop(): Promise<void>;
}

/** Builds the whole server without listening, so tests run it in-process. */
export async function createApp(config: Config): Promise<App> {
  configureLog(config.logLevel, { instance: config.instanceId });
  const applied = await applyMigrations(config.database);
  if (applied.length) log.info('migrations applied', { applied });
  await openDb(config.database);

  const bus = createBus(config.redisUrl);
  const hub = new EventHub(config.eventPollMs);
  await hub.start();
  const wakeIter = bus.pubsub.subscribe('event:appended');
  void (async () => {
    for await (const _ of wakeIter) void hub.wake();
  })();
  bus.onReconnect(() => void hub.wake());
  onEventsCommitted((seq) => {
    void hub.wake();
    bus.pubsub.publish('event:appended', { seq });
  });

  const engine = new DeadlineEngine(() => new Date(), hub);
  await engine.start();

  const yoga = createYoga({
    schema,
    context: createContextFactory(hub),
    graphqlEndpoint: '/graphql',
    graphiql: config.env !== 'production' ? { subscriptionsProtocol: 'WS' } : false,
    landingPage: false,
    maskedErrors: config.env === 'production' ? true : { isDev: true },
    logging: config.logLevel === 'silent' ? false : config.logLevel === 'debug' ? 'debug' : 'warn',
    plugins: [useInputErrorCodes()],
  });

  const serveStatic = createStaticHandler(config.webDist);
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/healthz' || url.startsWith('/healthz?')) return void health(res);
    if (url.startsWith('/graphql')) return void yoga(req, res);
    if (url.startsWith('/exports/')) {
      return void handleExport(req, res).catch((err) => {
        log.error('export failed', { err });
        if (!res.headersSent) res.writeHead(500).end();
      });
    }
    if (serveStatic(req, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
  });

  async function health(res: http.ServerResponse) {
    let dbOk = false;
    try {
      await db().$queryRawUnsafe('SELECT 1');
      dbOk = true;
    } catch (err) {
      log.warn('health: database unreachable', { err });
    }
    const ok = dbOk && bus.connected();
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ ok, database: dbOk, pubsub: bus.connected(), seq: hub.head, instance: config.instanceId }));
  }

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!(req.url ?? '').startsWith('/graphql')) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  useServer(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => args.rootValue.subscribe(args),
      onSubscribe: async (ctx, _id, params) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          connectionParams: ctx.connectionParams,
          address: ctx.extra.request.socket.remoteAddress ?? null,
          params,
        });
        const args = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        if (errors.length) return errors;
        return args;
      },
    },
    wss,
    config.keepAliveMs,
  );

  let stopping: Promise<void> | undefined;
  return {
    server,
    hub,
    bus,
    engine,
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const port = (server.address() as AddressInfo).port;
          log.info('listening', { port, database: config.database.kind, redis: Boolean(config.redisUrl) });
          resolve(port);
        });
      }),
    stop: () =>
      (stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const ws of wss.clients) ws.close(CLOSE_RESTART, 'server restarting');
        await engine.stop();
        hub.stop(); // ends every event stream, so SSE responses finish
        await wakeIter.return?.();
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), 5000);
        await closed;
        clearTimeout(force);
        wss.close();
        await bus.close();
        await closeDb();
        log.info('stopped');
      })()),
  };
}

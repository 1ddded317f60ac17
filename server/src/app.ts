import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createYoga } from 'graphql-yoga';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { WebSocketServer } from 'ws';
import type { Config } from './config.js';
import { closeDb, db, openDb } from './db.js';
import { applyMigrations } from './db/migrate.js';
import { onEventsCommitted } from './events/event-log.js';
import { EventHub } from './events/hub.js';
import { createBus, type Bus } from './events/pubsub.js';
import { bearerFrom, createContextFactory, type Context } from './context.js';
import { flushSeenSessions, resolveViewer } from './modules/auth/auth.service.js';
import { SessionWatch } from './modules/auth/session-watch.js';
import { startUploadSweep } from './modules/item/upload-sweep.js';
import { useInputErrorCodes } from './graphql-errors.js';
import { configureLog, log } from './log.js';
import { schema } from './schema/index.js';
import { createStaticHandler } from './static.js';
import { Metrics } from './metrics.js';
import { ResultCache, useMultiplexedEvents } from './events/multiplex.js';
import { Fanout } from './events/fanout.js';
import { serveGraphqlWs } from './transport/graphql-ws.js';
import { serveStockGraphqlWs } from './transport/graphql-ws-stock.js';
import { requestAddress } from './transport/client-address.js';
import { headSeq } from './events/event-log.js';
import { DeadlineEngine } from './modules/incident/deadline.engine.js';
import { handleExport } from './modules/assessment/exports.route.js';
import { handleAttachment, handleUpload } from './modules/item/upload.route.js';

/** Same host as the page, or listed in ALLOWED_ORIGINS. */
export function originAllowed(origin: string, host: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Close code sent to WebSocket clients on shutdown: "service restart", clients reconnect. */
export const CLOSE_RESTART = 1012;
/**
 * Close code for a socket whose person's grants changed (roles, unit, units in charge):
 * the dashboard reloads, so that its menus and screens are those of the person's new
 * grants, and its socket is authorized afresh (web/src/graphql/client.ts has the same number).
 */
export const CLOSE_GRANTS_CHANGED = 4205;

export interface App {
  server: http.Server;
  hub: EventHub;
  bus: Bus;
  engine: DeadlineEngine;
  sessions: SessionWatch;
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

  const bus = createBus(config.redisUrl, config.redisChannel, `xinbao:${config.instanceId}`);
  const hub = new EventHub(config.eventPollMs);
  await hub.start();
  // Each wake-up re-reads the log, and so does each subscription Redis confirms (see
  // events/pubsub.ts); this first read takes in what was committed between the hub's
  // start and this line, whose wake-ups had no listener yet.
  bus.onWake(() => void hub.wake());
  void hub.wake();
  onEventsCommitted((seq) => {
    void hub.wake();
    bus.publish(seq);
  });

  const fanout = new Fanout(hub, (err) => log.error('event fan-out failed', { err }));
  const engine = new DeadlineEngine(() => new Date(), hub);
  await engine.start();

  const metrics = new Metrics();
  const results = new ResultCache();
  const sessions = new SessionWatch(config.sessionSweepMs, () => bus.tellSessions());
  bus.onSessions(() => void sessions.check());
  sessions.start();
  const stopUploadSweep = startUploadSweep(config.uploadDir, config.uploadSweepMs);
  const noteSeen = () => flushSeenSessions().catch((err) => log.warn('noting sessions\' last use failed; noted at their next use', { err }));
  const seenTimer = setInterval(noteSeen, config.sessionSeenFlushMs);
  seenTimer.unref();

  // The same limits for HTTP, SSE and WebSocket: graphql-ws below runs through
  // yoga.getEnveloped, so these parse and validation plugins apply there too.
  const armor = new EnvelopArmor({
    maxDepth: { n: 12 },
    maxAliases: { n: 15 },
    maxDirectives: { n: 10 },
    maxTokens: { n: 3000 },
    costLimit: { maxCost: 8000 },
    blockFieldSuggestion: { enabled: true },
  }).protect();

  const addressOf = (req: IncomingMessage) => requestAddress(req, config.trustProxy);
  const yoga = createYoga({
    schema,
    context: createContextFactory(hub, sessions, metrics, addressOf),
    graphqlEndpoint: '/graphql',
    graphiql: config.env !== 'production' ? { subscriptionsProtocol: 'WS' } : false,
    landingPage: false,
    maskedErrors: config.env === 'production' ? true : { isDev: true },
    logging: config.logLevel === 'silent' ? false : config.logLevel === 'debug' ? 'debug' : 'warn',
    plugins: [
      ...armor.plugins,
      // Browsers send "simple" cross-origin requests (forms, multipart) without
      // preflight; refusing those unless they carry a custom header or JSON body
      // closes CSRF for any cookie a deployment might add.
      useCSRFPrevention({ requestHeaders: ['x-graphql-csrf', 'graphql-require-preflight'] }),
      ...(config.env === 'production' ? [useDisableIntrospection()] : []),
      useInputErrorCodes(),
      ...(config.multiplex ? [useMultiplexedEvents(results, { isDev: config.env !== 'production' })] : []),
    ],
  });

  const serveStatic = createStaticHandler(config.webDist);
  let ready = true;
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const route = url.startsWith('/graphql') ? 'graphql' : url.startsWith('/exports/') ? 'exports' : url.split('?')[0] === '/healthz' ? 'healthz' : 'other';
    res.once('finish', () => metrics.countRequest(route, res.statusCode));
    if (url === '/healthz' || url.startsWith('/healthz?')) return void health(res);
    // Readiness for a load balancer: false while shutting down, so no new work arrives.
    if (url === '/readyz') return void res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' }).end(ready ? 'ready' : 'stopping');
    if (url === '/metrics') return void renderMetrics(res);
    if (url.startsWith('/graphql')) return void yoga(req, res);
    if (url === '/uploads' && req.method === 'POST') return void guard(handleUpload(req, res, config.uploadDir), res);
    if (url.startsWith('/attachments/') && req.method === 'GET') return void guard(handleAttachment(req, res, config.uploadDir), res);
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

  function guard(p: Promise<void>, res: http.ServerResponse) {
    p.catch((err) => {
      log.error('request failed', { err });
      if (!res.headersSent) res.writeHead(500).end();
    });
  }

  async function renderMetrics(res: http.ServerResponse) {
    let dbSeq: number | null = null;
    let openIncidents: number | null = null;
    try {
      [dbSeq, openIncidents] = await Promise.all([headSeq(), db().incident.count({ where: { closedAt: null } })]);
    } catch {
      /* reported as xinbao_up{dep="database"} 0 */
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(
      metrics.render({
        executions: results.misses,
        // Lane deliveries beyond the one payload serialised per group and event.
        sharedResults: results.hits + fanout.delivered - fanout.payloads,
        eventsDelivered: hub.delivered + fanout.delivered,
        headSeq: hub.head,
        dbSeq,
        sockets: wss.clients.size,
        watchedSessions: sessions.watched,
        crossingsClaimed: engine.claimed,
        openIncidents,
        dbUp: dbSeq !== null,
        pubsubUp: bus.connected(),
      }),
    );
  }

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!(req.url ?? '').startsWith('/graphql')) return socket.destroy();
    // A page on another site must not open a socket riding on this one's users.
    const origin = req.headers.origin;
    if (origin && !originAllowed(origin, req.headers.host, config.allowedOrigins)) {
      log.warn('websocket origin refused', { origin });
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  const socketsPerPerson = new Map<string, number>();
  const graphqlWs = (config.multiplex ? serveGraphqlWs : serveStockGraphqlWs)(wss, {
    yoga,
    fanout,
    keepAliveMs: config.keepAliveMs,
    addressOf,
    maxSubscriptionsPerSocket: config.maxSubscriptionsPerSocket,
    production: config.env === 'production',
    onConnect: async (params, socket) => {
      const token = bearerFrom(undefined, params);
      const viewer = token ? await resolveViewer(token) : null;
      if (!viewer) return { viewer: null }; // anonymous sockets may connect; every field still checks
      const n = (socketsPerPerson.get(viewer.personId) ?? 0) + 1;
      if (n > config.maxSocketsPerPerson) return false; // closed with 4403
      socketsPerPerson.set(viewer.personId, n);
      // An ended session's socket is refused on reconnecting (the page says so); one whose
      // grants changed is authorized afresh when it reconnects.
      const unwatch = sessions.watch(viewer, (why) => (why === 'ended' ? socket.close(4403, 'session ended') : socket.close(CLOSE_GRANTS_CHANGED, 'grants changed')));
      return {
        viewer,
        onClose: () => {
          unwatch();
          const left = (socketsPerPerson.get(viewer.personId) ?? 1) - 1;
          if (left > 0) socketsPerPerson.set(viewer.personId, left);
          else socketsPerPerson.delete(viewer.personId);
        },
      };
    },
  });

  let stopping: Promise<void> | undefined;
  return {
    server,
    hub,
    bus,
    engine,
    sessions,
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
        ready = false;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const ws of wss.clients) ws.close(CLOSE_RESTART, 'server restarting');
        sessions.stop();
        stopUploadSweep();
        clearInterval(seenTimer);
        await engine.stop();
        graphqlWs.stop();
        fanout.stop();
        hub.stop(); // ends every event stream, so SSE responses finish; later wake-ups are ignored
        // An SSE response ends a moment after its stream does, and its keep-alive
        // connection only then goes idle: close idle ones until none is left, rather
        // than wait for the keep-alive timeout (a restart took 4 s with a wall open).
        server.closeIdleConnections();
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        const force = setTimeout(() => {
          log.warn('stopping: connections still busy after 5 s closed by force');
          server.closeAllConnections();
        }, 5000);
        await closed;
        clearInterval(idle);
        clearTimeout(force);
        wss.close();
        await graphqlWs.settled(); // nothing may still be reading when the database closes
        await noteSeen();
        await bus.close();
        await closeDb();
        log.info('stopped');
      })()),
  };
}

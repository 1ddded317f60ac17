import type { IncomingMessage } from 'node:http';
import type { YogaInitialContext } from 'graphql-yoga';
import type { Role } from './generated/sqlite/enums.js';
import { resolveViewer } from './modules/auth/auth.service.js';
import type { EventHub } from './events/hub.js';
import type { LaneTarget } from './events/fanout.js';
import type { SessionWatch } from './modules/auth/session-watch.js';
import type { Metrics } from './metrics.js';

export interface Viewer {
  personId: string;
  name: string;
  unitId: string | null;
  roles: ReadonlySet<Role>;
  sessionId: string;
  /** DISPLAY: a wall-display token, which only ever reads the dashboard. */
  kind: 'USER' | 'DISPLAY';
  /** Units this person is leader in charge of (分管). */
  unitsInCharge: readonly string[];
  /** When the session ends by itself (absent for the command line's own viewer). */
  expiresAt?: Date;
}

export interface Context {
  viewer: Viewer | null;
  hub: EventHub;
  sessions: SessionWatch;
  metrics: Metrics;
  /** Client address, for the audit trail. */
  address: string | null;
  /** The browser's User-Agent (HTTP requests only): names the device a sign-in is from. */
  userAgent: string | null;
  /** graphql-ws subscriptions only: where the WebSocket fast lane writes (see events/fanout.ts). */
  lane?: LaneTarget;
}

/** Reads the bearer token (HTTP header or graphql-ws connection params). */
export function bearerFrom(headers: Headers | undefined, params?: Record<string, unknown>): string | null {
  const fromParams = params?.authorization ?? params?.Authorization;
  const raw = typeof fromParams === 'string' ? fromParams : headers?.get('authorization');
  if (!raw) return null;
  const m = raw.match(/^Bearer\s+(.+)$/i);
  return m ? m[1]!.trim() : null;
}

/** `addressOf`: the client's address of an HTTP request (see transport/client-address.ts). */
export function createContextFactory(hub: EventHub, sessions: SessionWatch, metrics: Metrics, addressOf: (req: IncomingMessage) => string | null) {
  // over HTTP the node server hands yoga its `req`; over WebSocket the transport passes `address`
  return async (init: YogaInitialContext & { connectionParams?: Record<string, unknown>; address?: string | null; req?: IncomingMessage }) => {
    const token = bearerFrom(init.request?.headers, init.connectionParams);
    const viewer = token ? await resolveViewer(token) : null;
    const address = init.address ?? (init.req ? addressOf(init.req) : null);
    const userAgent = init.request?.headers.get('user-agent') ?? null;
    return { viewer, hub, sessions, metrics, address, userAgent } satisfies Context;
  };
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, so default paths work whatever the process's cwd is. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type DatabaseKind = 'sqlite' | 'postgres';

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: { kind: DatabaseKind; url: string };
  /** Redis for cross-instance wake-ups; absent means in-process pub/sub. */
  redisUrl: string | undefined;
  /**
   * The Redis channel of this deployment's wake-ups. Channels are global to a Redis
   * server (its numbered databases do not separate them), so deployments sharing one
   * Redis each need their own, or every event anywhere wakes every instance.
   */
  redisChannel: string;
  /** Built dashboard to serve at `/`; absent or missing folder means API only. */
  webDist: string | undefined;
  /** How often each instance re-reads the event log even without a wake-up (ms). */
  eventPollMs: number;
  /** Interval of graphql-ws keep-alive pings (ms). */
  keepAliveMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Reverse proxies in front of the server whose X-Forwarded-For is believed (0: none, the socket's peer is the client). */
  trustProxy: number;
  /** Origins allowed to open WebSockets besides the server's own host. */
  allowedOrigins: string[];
  maxSubscriptionsPerSocket: number;
  maxSocketsPerPerson: number;
  /** How often open connections re-check their session (revocation takes effect within this). */
  sessionSweepMs: number;
  /** How often the sessions used meanwhile have their last use written (ms; one statement, see flushSeenSessions). */
  sessionSeenFlushMs: number;
  /** Uploaded photos, outside the web root. */
  uploadDir: string;
  /** how often abandoned uploads and stray files are removed (upload-sweep.ts) */
  uploadSweepMs: number;
  /** Execute each distinct subscription once per event (off: stock per-subscriber execution, for comparison). */
  multiplex: boolean;
  instanceId: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

/** Turns a DATABASE_URL into the database kind, defaulting to a SQLite file under data/. */
export function parseDatabaseUrl(raw: string | undefined): Config['database'] {
  if (!raw) return { kind: 'sqlite', url: `file:${path.join(repoRoot, 'data', 'xinbao.db')}` };
  if (/^postgres(ql)?:\/\//.test(raw)) return { kind: 'postgres', url: raw };
  if (raw.startsWith('file:')) {
    const file = raw.slice('file:'.length);
    if (!file) throw new ConfigError('DATABASE_URL "file:" needs a path, e.g. file:./data/xinbao.db');
    return { kind: 'sqlite', url: `file:${path.resolve(file)}` };
  }
  throw new ConfigError(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), got "${raw.replace(/\/\/[^@]*@/, '//***@')}"`,
  );
}

/** Reads and validates configuration from the environment; throws ConfigError with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (nodeEnv !== 'development' && nodeEnv !== 'production' && nodeEnv !== 'test') {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError(`REDIS_URL must start with redis:// or rediss://, got "${redisUrl}"`);
  }
  const redisChannel = env.REDIS_CHANNEL || 'xinbao:events';
  if (!/^[\w.:-]{1,100}$/.test(redisChannel)) {
    throw new ConfigError(`REDIS_CHANNEL may use letters, digits and . : - _ (at most 100), got "${redisChannel}"`);
  }
  const logLevel = (env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info')) as Config['logLevel'];
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be debug, info, warn, error or silent, got "${logLevel}"`);
  }
  return {
    env: nodeEnv,
    port: intVar(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    database: parseDatabaseUrl(env.DATABASE_URL),
    redisUrl,
    redisChannel,
    webDist: env.WEB_DIST ?? path.join(repoRoot, 'web', 'dist'),
    eventPollMs: intVar(env, 'EVENT_POLL_MS', 2000, 50, 60_000),
    keepAliveMs: intVar(env, 'KEEPALIVE_MS', 10_000, 1000, 120_000),
    logLevel,
    trustProxy: intVar(env, 'TRUST_PROXY', 0, 0, 5),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    maxSubscriptionsPerSocket: intVar(env, 'MAX_SUBSCRIPTIONS_PER_SOCKET', 20, 1, 1000),
    maxSocketsPerPerson: intVar(env, 'MAX_SOCKETS_PER_PERSON', 10, 1, 10_000),
    sessionSweepMs: intVar(env, 'SESSION_SWEEP_MS', 20_000, 100, 60_000),
    sessionSeenFlushMs: intVar(env, 'SESSION_SEEN_FLUSH_MS', 60_000, 50, 600_000),
    multiplex: env.FANOUT_MULTIPLEX !== 'off',
    uploadDir: path.resolve(env.UPLOAD_DIR || path.join(repoRoot, 'data', 'uploads')),
    uploadSweepMs: intVar(env, 'UPLOAD_SWEEP_MS', 3_600_000, 100, 86_400_000),
    instanceId: env.INSTANCE_ID || `${process.pid}`,
  };
}

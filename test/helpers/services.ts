import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';

/**
 * The PostgreSQL + Redis suites need both services. They fail loudly when the
 * addresses are missing or unreachable: a suite that silently skips proves nothing.
 */
export function serviceUrls(): { postgres: string; redis: string } {
  const postgres = process.env.TEST_POSTGRES_URL;
  const redis = process.env.TEST_REDIS_URL;
  if (!postgres || !redis) {
    throw new Error('TEST_POSTGRES_URL and TEST_REDIS_URL must be set for the PostgreSQL + Redis suites');
  }
  return { postgres, redis };
}

/** Creates an empty database for one test file; returns its URL and a drop function. */
export async function createTestDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `xinbao_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect().catch((err: Error) => {
    throw new Error(`PostgreSQL unreachable at ${baseUrl}: ${err.message}`);
  });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface HeldProxy {
  /** A Redis URL that goes through the proxy. */
  url: string;
  /** Passes on what Redis sent while held, and everything from now on. */
  release(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of Redis that connects at once but holds Redis's replies
 * until `release()`: a client behind it sits in its connection handshake (ioredis
 * status 'connect') for as long as the test wants, as it does when Redis or the
 * instance's own event loop is slow. Requests pass through unchanged.
 */
export async function heldRedisProxy(redisUrl: string): Promise<HeldProxy> {
  const target = new URL(redisUrl);
  let held = true;
  const waiting: (() => void)[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (held) waiting.push(() => client.write(chunk));
      else client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(redisUrl);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    release() {
      held = false;
      for (const w of waiting.splice(0)) w();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Redis's pub/sub connections as `CLIENT LIST TYPE pubsub` describes them (id, name, sub …). */
export async function pubsubClients(redis: { call(...args: string[]): Promise<unknown> }): Promise<Record<string, string>[]> {
  const list = String(await redis.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
  return list
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => Object.fromEntries(line.trim().split(' ').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])));
}

import { Redis, type RedisOptions } from 'ioredis';
import { log } from '../log.js';

/**
 * Wake-ups only: a message says "the log has grown to at least seq", and every
 * listener re-reads the log itself. A lost message therefore costs latency (until
 * the next poll), never an event.
 */
export interface Bus {
  /**
   * Tells the other instances that the log has grown to at least `seq` (through Redis
   * this one hears it too; the committing instance wakes its own hub directly).
   */
  publish(seq: number): void;
  /**
   * `listener` runs on every wake-up, and each time the subscription to the channel
   * has been (re)confirmed by Redis: wake-ups published while this instance was not
   * subscribed are lost, so the listener must re-read the log then.
   */
  onWake(listener: () => void): void;
  /**
   * Tells the other instances that sessions or accounts changed (a session revoked, an
   * account's roles changed): each checks its open connections now rather than at its
   * next sweep. Also a wake-up only: a lost message costs the wait for the sweep.
   */
  tellSessions(): void;
  /** `listener` runs when another instance says sessions or accounts changed. */
  onSessions(listener: () => void): void;
  /** True once Redis has confirmed the subscription on the current connection and the publisher is ready. */
  connected(): boolean;
  close(): Promise<void>;
}

/**
 * `channel` carries this deployment's wake-ups (config REDIS_CHANNEL). `name` labels
 * the Redis connections (`CLIENT LIST` shows `<name>:pub` and `<name>:sub`), so an
 * operator or a test can tell one instance's connections apart.
 */
export function createBus(redisUrl: string | undefined, channel: string, name = 'xinbao'): Bus {
  const listeners: (() => void)[] = [];
  const wake = () => {
    for (const l of listeners) l();
  };
  const sessionListeners: (() => void)[] = [];
  const sessionsChannel = `${channel}:sessions`;
  if (!redisUrl) {
    return {
      // one instance: the commit already woke its hub, and there is nobody else to tell
      publish: () => {},
      onWake: (l) => void listeners.push(l),
      // one instance: the mutation already checked this instance's connections
      tellSessions: () => {},
      onSessions: (l) => void sessionListeners.push(l),
      connected: () => true,
      close: async () => {},
    };
  }
  const label = name.replace(/[^\w.:-]/g, '_');
  const options: RedisOptions = { maxRetriesPerRequest: null, enableOfflineQueue: true, retryStrategy: (n: number) => Math.min(n * 200, 2000) };
  const publishClient = new Redis(redisUrl, { ...options, connectionName: `${label}:pub` });
  // This module subscribes itself, on every 'ready' (below), so ioredis must not as well.
  const subscribeClient = new Redis(redisUrl, { ...options, connectionName: `${label}:sub`, autoResubscribe: false });
  for (const [client, c] of [['publish', publishClient], ['subscribe', subscribeClient]] as const) {
    c.on('error', (err: Error) => log.warn('redis error', { client, err: err.message }));
  }

  /** Counts the subscriber's connections that reached 'ready'; a confirmation counts only for the current one. */
  let connection = 0;
  let subscribed = false;
  let everSubscribed = false;
  let closing = false;
  subscribeClient.on('message', (from: string) => {
    if (from === channel) wake();
    else if (from === sessionsChannel) for (const l of sessionListeners) l();
  });
  subscribeClient.on('close', () => {
    subscribed = false;
  });
  // SUBSCRIBE only once the connection is ready, never earlier. ioredis sends a
  // command given to it during its connection handshake (status 'connect') straight
  // away: the connection enters subscriber mode before the ready check's INFO, the
  // check fails, ioredis reconnects, and since the connection had never been ready it
  // does not resubscribe. The client then reports 'ready' but hears nothing: an
  // instance deaf to the others until its next poll, and healthy in /healthz.
  subscribeClient.on('ready', () => {
    const mine = ++connection;
    subscribeClient.subscribe(channel, sessionsChannel).then(
      () => {
        // A later connection subscribes (and confirms) for itself.
        if (mine !== connection || subscribeClient.status !== 'ready') return;
        subscribed = true;
        if (everSubscribed) log.info('redis resubscribed; re-reading the event log');
        everSubscribed = true;
        wake();
      },
      (err: Error) => {
        if (!closing) log.warn('redis subscribe failed; retried on the next connection', { err: err.message });
      },
    );
  });

  return {
    publish: (seq) => {
      publishClient.publish(channel, JSON.stringify({ seq })).catch((err: Error) => {
        if (!closing) log.warn('redis publish failed; other instances see the event on their next poll', { err: err.message });
      });
    },
    onWake: (l) => void listeners.push(l),
    tellSessions: () => {
      publishClient.publish(sessionsChannel, '1').catch((err: Error) => {
        if (!closing) log.warn('redis publish failed; other instances check their sessions at their next sweep', { err: err.message });
      });
    },
    onSessions: (l) => void sessionListeners.push(l),
    connected: () => subscribed && subscribeClient.status === 'ready' && publishClient.status === 'ready',
    close: async () => {
      closing = true;
      subscribed = false;
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}

import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { log } from '../log.js';

/**
 * Wake-ups only: the payload says "the log has grown to at least seq", and every
 * listener re-reads the log itself. A lost message therefore costs latency (until
 * the next poll), never an event.
 */
export type Topics = { 'event:appended': [{ seq: number }] };

export interface Bus {
  pubsub: ReturnType<typeof createPubSub<Topics>>;
  /** Called after the Redis subscriber (re)connects, so the hub can re-read the log. */
  onReconnect(listener: () => void): void;
  connected(): boolean;
  close(): Promise<void>;
}

export function createBus(redisUrl: string | undefined): Bus {
  if (!redisUrl) {
    return {
      pubsub: createPubSub<Topics>(),
      onReconnect: () => {},
      connected: () => true,
      close: async () => {},
    };
  }
  const options = { maxRetriesPerRequest: null, enableOfflineQueue: true, retryStrategy: (n: number) => Math.min(n * 200, 2000) };
  const publishClient = new Redis(redisUrl, options);
  const subscribeClient = new Redis(redisUrl, options);
  const listeners: (() => void)[] = [];
  let everReady = false;
  for (const [name, c] of [['publish', publishClient], ['subscribe', subscribeClient]] as const) {
    c.on('error', (err: Error) => log.warn('redis error', { client: name, err: err.message }));
  }
  subscribeClient.on('ready', () => {
    if (everReady) log.info('redis reconnected; re-reading the event log');
    everReady = true;
    for (const l of listeners) l();
  });
  const eventTarget = createRedisEventTarget({
    publishClient,
    subscribeClient,
  });
  return {
    pubsub: createPubSub<Topics>({ eventTarget }),
    onReconnect: (l) => listeners.push(l),
    connected: () => subscribeClient.status === 'ready' && publishClient.status === 'ready',
    close: async () => {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}

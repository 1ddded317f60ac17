import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('REDIS_CHANNEL', () => {
  it('defaults to one channel for the deployment', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).redisChannel).toBe('xinbao:events');
  });

  it('takes a deployment’s own channel, for a Redis shared by several', () => {
    expect(loadConfig({ NODE_ENV: 'test', REDIS_CHANNEL: 'xinbao:county-3.events' }).redisChannel).toBe('xinbao:county-3.events');
  });

  it.each([['with spaces'], ['*'], ['x'.repeat(101)]])('refuses %s with a clear error', (value) => {
    expect(() => loadConfig({ NODE_ENV: 'test', REDIS_CHANNEL: value })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', REDIS_CHANNEL: value })).toThrow(/REDIS_CHANNEL/);
  });
});

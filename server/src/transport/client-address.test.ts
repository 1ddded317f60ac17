import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address.js';

describe('clientAddress', () => {
  it('is the socket’s peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress('203.0.113.7', null, 0)).toBe('203.0.113.7');
    expect(clientAddress('203.0.113.7', '198.51.100.1', 0)).toBe('203.0.113.7');
    expect(clientAddress('::ffff:127.0.0.1', undefined, 0)).toBe('127.0.0.1');
    expect(clientAddress('::1', undefined, 0)).toBe('::1');
    expect(clientAddress(undefined, '198.51.100.1', 0)).toBeNull();
  });
  it('behind one trusted proxy, the address that proxy appended, not what the client wrote before it', () => {
    // nginx appends the peer it saw: "client-written…, real client"
    expect(clientAddress('10.0.0.2', '198.51.100.9', 1)).toBe('198.51.100.9');
    expect(clientAddress('10.0.0.2', '1.2.3.4, 198.51.100.9', 1)).toBe('198.51.100.9');
    expect(clientAddress('10.0.0.2', ['1.2.3.4', '198.51.100.9'], 1)).toBe('198.51.100.9');
    expect(clientAddress('::ffff:10.0.0.2', ' ::ffff:198.51.100.9 ', 1)).toBe('198.51.100.9');
  });
  it('behind two, two hops back', () => {
    expect(clientAddress('10.0.0.3', '1.2.3.4, 198.51.100.9, 10.0.0.2', 2)).toBe('198.51.100.9');
  });
  it('with fewer hops than proxies trusted (a request that came round the proxy), the furthest one known', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.9', 3)).toBe('198.51.100.9');
    expect(clientAddress('10.0.0.2', null, 1)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', ' , ', 1)).toBe('10.0.0.2');
  });
});

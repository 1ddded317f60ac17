import type { IncomingMessage } from 'node:http';

/**
 * The client's address, for the audit trail and for slowing down password guessing per
 * address. Behind `trustedProxies` reverse proxies (TRUST_PROXY), each of which appends
 * the address it received from to X-Forwarded-For, the client is that many hops back
 * from the socket; anything further left was written by the client and is not believed.
 * With no proxy trusted the header is ignored: a client cannot name itself someone else
 * and so escape the per-address lock-out. Pure.
 */
export function clientAddress(socketAddress: string | null | undefined, forwardedFor: string | string[] | null | undefined, trustedProxies: number): string | null {
  const direct = normalize(socketAddress);
  if (trustedProxies <= 0 || !forwardedFor) return direct;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((a) => normalize(a))
    .filter((a): a is string => a !== null);
  const chain = [...forwarded, ...(direct ? [direct] : [])];
  // the socket's peer is the nearest proxy; each trusted proxy vouches for one hop before it
  return chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? direct;
}

/** IPv4 as IPv4 (`::ffff:10.0.0.5` → `10.0.0.5`), nothing for an empty entry. */
function normalize(address: string | null | undefined): string | null {
  const a = address?.trim();
  if (!a) return null;
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice('::ffff:'.length) : a;
}

export const requestAddress = (req: IncomingMessage, trustedProxies: number) =>
  clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trustedProxies);

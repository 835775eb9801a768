import { isIP } from 'node:net';

/**
 * Each proxy appends the address it was connected from to X-Forwarded-For, so behind N proxies
 * of ours the client is the N-th entry from the right: everything left of it was written by the
 * client and proves nothing. With fewer entries than N, the left-most was still written by one
 * of ours (a request that skipped the outer proxies). Only an IP address counts: agents are
 * dialled at this address, so a name or junk an upstream let through falls back to the socket's.
 */
export function clientAddressOf(
  forwardedFor: string | undefined,
  socketAddress: string | undefined,
  trustedProxyHops: number,
): string | undefined {
  if (trustedProxyHops > 0) {
    const entries = (forwardedFor ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const client = unmapped(entries[Math.max(0, entries.length - trustedProxyHops)]);
    if (client && isIP(client)) return client;
  }
  return unmapped(socketAddress);
}

/** `::ffff:10.0.0.5` is 10.0.0.5 reached over an IPv6 socket. */
const unmapped = (address: string | undefined) => address?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

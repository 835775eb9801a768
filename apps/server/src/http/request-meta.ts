import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export function requestMetaOf(c: Context, trustedProxyHops: number): RequestMeta {
  return {
    ip: clientAddress(c, trustedProxyHops),
    userAgent: c.req.header('user-agent')?.slice(0, 500) ?? null,
    requestId: (c.get('requestId' as never) as string | undefined) ?? 'none',
  };
}

/**
 * Each proxy appends the address it was connected from to X-Forwarded-For, so behind N proxies
 * of ours the client is the N-th entry from the right: everything left of it was written by the
 * client and proves nothing. With fewer entries than N, the left-most was still written by one
 * of ours (a request that skipped the outer proxies).
 */
function clientAddress(c: Context, trustedProxyHops: number): string {
  if (trustedProxyHops > 0) {
    const entries = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const client = entries[Math.max(0, entries.length - trustedProxyHops)];
    if (client) return client.slice(0, 100);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // in-process requests (app.request) have no socket
  }
}

import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { clientAddressOf } from './client-address.ts';

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

function clientAddress(c: Context, trustedProxyHops: number): string {
  let socketAddress: string | undefined;
  try {
    socketAddress = getConnInfo(c).remote.address;
  } catch {
    // in-process requests (app.request) have no socket
  }
  return clientAddressOf(c.req.header('x-forwarded-for'), socketAddress, trustedProxyHops) ?? 'unknown';
}

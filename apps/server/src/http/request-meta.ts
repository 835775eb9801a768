import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export function requestMetaOf(c: Context, trustProxy: boolean): RequestMeta {
  return {
    ip: clientAddress(c, trustProxy),
    userAgent: c.req.header('user-agent')?.slice(0, 500) ?? null,
    requestId: (c.get('requestId' as never) as string | undefined) ?? 'none',
  };
}

function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 100);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // in-process requests (app.request) have no socket
  }
}

import { REALTIME_PATH } from '@tcpa/contracts';

/** `https://host/base` → `wss://host/base/api/v1/ws` (http → ws). */
export function toRealtimeUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${REALTIME_PATH}`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

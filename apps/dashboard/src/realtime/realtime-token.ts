import type { ApiClient } from '../api/api-client.ts';
import type { TokenStore } from '../auth/token-store.ts';

/**
 * The realtime client's `getToken`: the session's access token, refreshed first when the
 * server refused or closed on the last one (4401: expired at connect, or while connected).
 */
export function realtimeToken(tokens: TokenStore, client: ApiClient) {
  return async (stale: boolean): Promise<string | null> => {
    const current = tokens.current;
    if (!current) return null;
    if (stale && !(await client.refreshSession(current.accessToken))) return null;
    return tokens.current?.accessToken ?? null;
  };
}

import { ApiClient } from '../api/api-client.ts';
import { createEndpoints, type Endpoints } from '../api/endpoints.ts';
import { TokenStore } from '../auth/token-store.ts';
import { RealtimeClient } from '../realtime/realtime-client.ts';
import { realtimeToken } from '../realtime/realtime-token.ts';
import { navigate } from '../ui/router.tsx';

export interface Services {
  tokens: TokenStore;
  client: ApiClient;
  api: Endpoints;
  realtime: RealtimeClient;
}

export function createServices(): Services {
  let hints: Storage | null = null;
  try {
    hints = window.localStorage;
  } catch {
    hints = null;
  }
  const tokens = new TokenStore(hints);
  tokens.followSignOutsIn(window);
  const client = new ApiClient({
    tokens,
    onSessionEnded: () =>
      navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true }),
  });
  void client.resumeSession();
  const realtime = new RealtimeClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`,
    getToken: realtimeToken(tokens, client),
  });
  return { tokens, client, api: createEndpoints(client), realtime };
}

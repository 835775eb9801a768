import type { QueryClient } from '@tanstack/react-query';
import type { PlatformClient } from '@tcpa/api-client';
import { ApiClient } from '../api/api-client.ts';
import { TokenStore } from '../auth/token-store.ts';
import { followPlanChanges } from '../data/billing/follow-plan-changes.ts';
import { followSession } from '../data/follow-session.ts';
import { ProjectEvents } from '../data/project-events.ts';
import { createQueryClient } from '../data/query-client.ts';
import { RealtimeClient } from '../realtime/realtime-client.ts';
import { realtimeToken } from '../realtime/realtime-token.ts';

export interface Services {
  tokens: TokenStore;
  client: ApiClient;
  /** The platform's typed API as the signed-in person; `publicApi` for what needs no session. */
  api: PlatformClient;
  publicApi: PlatformClient;
  realtime: RealtimeClient;
  queryClient: QueryClient;
  projectEvents: ProjectEvents;
}

/** `onSessionEnded`: the session ran out or was revoked mid-use (the page goes to the sign-in). */
export function createServices({ onSessionEnded }: { onSessionEnded: () => void }): Services {
  let hints: Storage | null = null;
  try {
    hints = window.localStorage;
  } catch {
    hints = null;
  }
  const tokens = new TokenStore(hints);
  tokens.followSignOutsIn(window);
  const client = new ApiClient({ tokens, onSessionEnded });
  void client.resumeSession();
  const realtime = new RealtimeClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`,
    getToken: realtimeToken(tokens, client),
  });
  const queryClient = createQueryClient();
  followSession(tokens, queryClient);
  const projectEvents = new ProjectEvents(realtime, queryClient);
  followPlanChanges(realtime, queryClient);
  return { tokens, client, api: client.api, publicApi: client.publicApi, realtime, queryClient, projectEvents };
}

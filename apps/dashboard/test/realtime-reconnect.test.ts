import type { ServerToClientMessage, Session } from '@tcpa/contracts';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import NodeWebSocket from 'ws';
import { type LiveServer, startLiveServer, TestAgent } from '../../server/test/live-server.ts';
import { waitUntil } from '../../server/test/wait-until.ts';
import { ApiClient } from '../src/api/api-client.ts';
import { TokenStore } from '../src/auth/token-store.ts';
import { RealtimeClient, type RealtimeState } from '../src/realtime/realtime-client.ts';
import { realtimeToken } from '../src/realtime/realtime-token.ts';
import { cookieJarFetch } from './cookie-jar-fetch.ts';

/** The dashboard's own realtime client and session handling, against a real server, over real sockets. */
describe('dashboard realtime client', () => {
  let server: LiveServer;
  beforeAll(async () => {
    server = await startLiveServer();
  });
  afterAll(() => server?.close());

  it('reconnects with a refreshed token when the server closes its socket at the token expiry, and keeps receiving', async () => {
    // Signed up as the dashboard does: the refresh token goes into the tab's cookie jar.
    const fetchInTab = cookieJarFetch();
    const signup = await fetchInTab(`${server.url}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tcpa-session': 'cookie' },
      body: JSON.stringify({
        email: 'ops@reconnect.test',
        password: 'correct horse battery',
        companyName: 'Reconnect Co',
      }),
    });
    const session = (await signup.json()) as Session;
    await server.sql(`update subscriptions set plan_id = 'professional' where company_id = $1`, [session.company.id]);
    const projectId: string = (
      await server.request('POST', '/api/v1/projects', { token: session.accessToken, body: { name: 'live' } })
    ).body.id;
    // The same session, with an access token that expires in two seconds.
    const claims = decodeJwt(session.accessToken);
    const shortLived = await server.current.deps.tokens.signWithExpiry(
      { userId: session.user.id, companyId: session.company.id, sessionId: claims.sid as string },
      Math.floor(Date.now() / 1000) + 2,
    );
    const tokens = new TokenStore();
    tokens.set({ ...session, accessToken: shortLived });
    const client = new ApiClient({ baseUrl: server.url, tokens, fetch: fetchInTab });
    const realtime = new RealtimeClient({
      url: server.url.replace(/^http/, 'ws'),
      getToken: realtimeToken(tokens, client),
      createSocket: (url) => new NodeWebSocket(url) as unknown as WebSocket,
    });
    const states: RealtimeState[] = [];
    const messages: ServerToClientMessage[] = [];
    realtime.onState((state) => states.push(state));
    realtime.onMessage((message) => messages.push(message));
    realtime.subscribe(projectId);
    realtime.start();
    try {
      const subscriptions = () => messages.filter((m) => m.type === 'subscribed').length;
      await waitUntil('the first subscription', async () => subscriptions() === 1);
      await waitUntil('a new subscription after the token expired', async () => subscriptions() === 2, 20_000);
      expect(states).toEqual(['connecting', 'open', 'offline', 'connecting', 'open']);
      expect(tokens.current?.accessToken).not.toBe(shortLived);

      const enrolment = await server.request('POST', `/api/v1/projects/${projectId}/enrolment-tokens`, {
        token: tokens.current?.accessToken,
        body: { preApproved: true },
      });
      const agent = await TestAgent.create();
      await agent.enrol(server, enrolment.body.secret, 'after reconnect');
      const socket = await agent.connect(server);
      await waitUntil('the agent shown online', async () =>
        messages.some((m) => m.type === 'agent_status' && m.agent.id === agent.agentId && m.agent.online),
      );
      socket.close();
    } finally {
      realtime.stop();
    }
  });
});

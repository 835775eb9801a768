import { type QueryClient, QueryObserver } from '@tanstack/react-query';
import type { Agent, ServerToClientMessage, Transfer, TransferDetail } from '@tcpa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import NodeWebSocket from 'ws';
import { type LiveServer, signUpWithProject, startLiveServer, TestAgent } from '../../server/test/live-server.ts';
import { waitUntil } from '../../server/test/wait-until.ts';
import { agentKeys } from '../src/data/agents/keys.ts';
import { ProjectEvents } from '../src/data/project-events.ts';
import { createQueryClient } from '../src/data/query-client.ts';
import { transferKeys } from '../src/data/transfers/keys.ts';
import { RealtimeClient } from '../src/realtime/realtime-client.ts';

type AgentList = { agents: Agent[] };

/**
 * The live messages of the real server, through the dashboard's own realtime client over a real socket,
 * into a real query cache: what a page shows while it is open.
 */
describe('project events into the query cache', () => {
  let server: LiveServer;
  let token = '';
  let projectId = '';
  let otherProjectId = '';
  let source: TestAgent;
  let destination: TestAgent;
  let bystander: TestAgent;
  let queryClient: QueryClient;
  let realtime: RealtimeClient;
  let events: ProjectEvents;
  const messages: ServerToClientMessage[] = [];
  const count = (type: string, project = projectId) =>
    messages.filter((m) => m.type === type && 'projectId' in m && m.projectId === project).length;

  const get = async <T>(path: string): Promise<T> => {
    const response = await server.request('GET', path, { token });
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return response.body as T;
  };
  const agentList = (includeRevoked: boolean) =>
    queryClient.fetchQuery({
      queryKey: agentKeys.list(projectId, { includeRevoked }),
      queryFn: () =>
        get<AgentList>(`/api/v1/projects/${projectId}/agents${includeRevoked ? '?includeRevoked=true' : ''}`),
    });
  const cachedName = (agentId: string) =>
    queryClient
      .getQueryData<AgentList>(agentKeys.list(projectId, { includeRevoked: false }))
      ?.agents.find((a) => a.id === agentId)?.name;
  const rename = async (project: string, agent: TestAgent, name: string) => {
    const renamed = await server.request('PATCH', `/api/v1/projects/${project}/agents/${agent.agentId}`, {
      token,
      body: { name },
    });
    expect(renamed.status).toBe(200);
  };
  /** Renames the agent of the other (watched) project and waits for it: events sent before it have come too. */
  let barriers = 0;
  const barrier = async () => {
    const name = `bystander ${++barriers}`;
    await rename(otherProjectId, bystander, name);
    await waitUntil('the other project’s event', async () =>
      messages.some((m) => m.type === 'agent_status' && m.agent.name === name),
    );
  };
  const enrol = async (project: string, name: string) => {
    const enrolment = await server.request('POST', `/api/v1/projects/${project}/enrolment-tokens`, {
      token,
      body: { preApproved: true },
    });
    const agent = await TestAgent.create();
    await agent.enrol(server, enrolment.body.secret, name);
    return agent;
  };

  beforeAll(async () => {
    server = await startLiveServer();
    ({ token, projectId } = await signUpWithProject(server, 'events'));
    otherProjectId = (await server.request('POST', '/api/v1/projects', { token, body: { name: 'other' } })).body.id;
    source = await enrol(projectId, 'source');
    destination = await enrol(projectId, 'destination');
    bystander = await enrol(otherProjectId, 'bystander');
    queryClient = createQueryClient();
    realtime = new RealtimeClient({
      url: server.url.replace(/^http/, 'ws'),
      getToken: async () => token,
      createSocket: (url) => new NodeWebSocket(url) as unknown as WebSocket,
      backoffMs: () => 100,
    });
    events = new ProjectEvents(realtime, queryClient);
    realtime.onMessage((message) => messages.push(message));
    realtime.start();
    events.watch(otherProjectId);
  });
  afterAll(async () => {
    realtime?.stop();
    await server?.close();
  });

  it('subscribes once for all watchers, keeps the cache live, and unsubscribes when the last one stops', async () => {
    await agentList(false);
    await agentList(true);
    await queryClient.fetchQuery({
      queryKey: agentKeys.detail(projectId, source.agentId),
      queryFn: () => get<Agent>(`/api/v1/projects/${projectId}/agents/${source.agentId}`),
    });
    await queryClient.fetchQuery({
      queryKey: transferKeys.list(projectId),
      queryFn: () => get<{ transfers: Transfer[] }>(`/api/v1/projects/${projectId}/transfers`),
    });

    const stopFleet = events.watch(projectId);
    const stopAgentPage = events.watch(projectId);
    await waitUntil('the subscription', async () => count('subscribed') === 1);

    await rename(projectId, source, 'source renamed');
    await waitUntil('the new name in the list', async () => cachedName(source.agentId) === 'source renamed');
    expect(queryClient.getQueryData<Agent>(agentKeys.detail(projectId, source.agentId))?.name).toBe('source renamed');

    const created = await server.request('POST', `/api/v1/projects/${projectId}/transfers`, {
      token,
      body: {
        sourceAgentId: source.agentId,
        sourcePaths: ['data/file.bin'],
        destinationAgentId: destination.agentId,
        destinationDir: 'incoming',
      },
    });
    expect(created.status).toBe(201);
    const transferId: string = created.body.id;
    const listed = () => queryClient.getQueryData<{ transfers: Transfer[] }>(transferKeys.list(projectId))?.transfers;
    await waitUntil('the new transfer at the top of the list', async () => listed()?.[0]?.id === transferId);
    const detailKey = transferKeys.detail(projectId, transferId);
    await queryClient.fetchQuery({
      queryKey: detailKey,
      queryFn: () => get<TransferDetail>(`/api/v1/projects/${projectId}/transfers/${transferId}`),
    });
    expect(queryClient.getQueryState(detailKey)?.isInvalidated).toBe(false);
    const canceled = await server.request('POST', `/api/v1/projects/${projectId}/transfers/${transferId}/cancel`, {
      token,
    });
    expect(canceled.status).toBe(200);
    await waitUntil(
      'the canceled state in the detail',
      async () => queryClient.getQueryData<TransferDetail>(detailKey)?.transfer.state === 'canceled',
    );
    expect(listed()?.[0]?.state).toBe('canceled');
    // Its files as they ended are not in the message: the detail is to be fetched again.
    expect(queryClient.getQueryState(detailKey)?.isInvalidated).toBe(true);

    // Revoked: out of the list that leaves revoked agents out, still in the fleet's list.
    const revoked = await server.request('POST', `/api/v1/projects/${projectId}/agents/${destination.agentId}/revoke`, {
      token,
    });
    expect(revoked.status).toBe(200);
    const fleetList = () => queryClient.getQueryData<AgentList>(agentKeys.list(projectId, { includeRevoked: true }));
    await waitUntil(
      'the revoked agent in the fleet list',
      async () => fleetList()?.agents.find((a) => a.id === destination.agentId)?.status === 'revoked',
    );
    expect(cachedName(destination.agentId)).toBeUndefined();

    // One page left: still subscribed, still live.
    stopFleet();
    stopFleet();
    await rename(projectId, source, 'still live');
    await waitUntil('the name while one watcher is left', async () => cachedName(source.agentId) === 'still live');
    expect(count('unsubscribed')).toBe(0);

    // The last one gone: unsubscribed, and the cache no longer follows the project.
    stopAgentPage();
    await waitUntil('the unsubscription', async () => count('unsubscribed') === 1);
    await rename(projectId, source, 'not followed');
    await barrier();
    expect(cachedName(source.agentId)).toBe('still live');
    expect(count('subscribed')).toBe(1);
  });

  it('refetches what is open after a reconnect: changes made while the connection was down show', async () => {
    const watching = events.watch(projectId);
    await waitUntil('subscribed again', async () => count('subscribed') === 2);
    // A page showing the project's agents, and a company page's query (no page open on it).
    const fleet = new QueryObserver(queryClient, {
      queryKey: agentKeys.list(projectId, { includeRevoked: false }),
      queryFn: () => get<AgentList>(`/api/v1/projects/${projectId}/agents`),
    });
    const stopObserving = fleet.subscribe(() => undefined);
    await queryClient.fetchQuery({ queryKey: ['subscription'], queryFn: () => get('/api/v1/subscription') });
    await waitUntil('the list shown', async () => fleet.getCurrentResult().data !== undefined);

    await server.stop();
    await waitUntil('offline', async () => realtime.state === 'offline');
    await server.sql('update agents set name = $1 where id = $2', ['renamed while down', source.agentId]);
    await server.start();

    await waitUntil(
      'the name changed while down, shown after the reconnect',
      async () =>
        fleet.getCurrentResult().data?.agents.find((a) => a.id === source.agentId)?.name === 'renamed while down',
      20_000,
    );
    expect(queryClient.getQueryState(['subscription'])?.isInvalidated).toBe(true);
    stopObserving();
    watching();
  });
});

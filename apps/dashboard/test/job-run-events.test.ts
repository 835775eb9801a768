import type { Job, JobRun } from '@tcpa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import NodeWebSocket from 'ws';
import { type LiveServer, signUpWithProject, startLiveServer, TestAgent } from '../../server/test/live-server.ts';
import { waitUntil } from '../../server/test/wait-until.ts';
import { jobKeys } from '../src/data/jobs/keys.ts';
import { ProjectEvents } from '../src/data/project-events.ts';
import { createQueryClient } from '../src/data/query-client.ts';
import { RealtimeClient } from '../src/realtime/realtime-client.ts';

type RunPage = { runs: JobRun[] };

/** The real server's job_run messages, over a real socket, into the runs the Jobs list and job page show. */
describe('job runs into the query cache', () => {
  let server: LiveServer;
  let realtime: RealtimeClient;
  beforeAll(async () => {
    server = await startLiveServer();
  });
  afterAll(async () => {
    realtime?.stop();
    await server?.close();
  });

  it('puts each recorded run at the top of every cached page of its job, trimmed to the page, and refetches the job', async () => {
    const { token, projectId } = await signUpWithProject(server, 'jobruns');
    const agentIds: string[] = [];
    for (const name of ['source', 'destination']) {
      const enrolment = await server.request('POST', `/api/v1/projects/${projectId}/enrolment-tokens`, {
        token,
        body: { preApproved: true },
      });
      const agent = await TestAgent.create();
      await agent.enrol(server, enrolment.body.secret, name);
      agentIds.push(agent.agentId);
    }
    const created = await server.request<Job>('POST', `/api/v1/projects/${projectId}/jobs`, {
      token,
      body: {
        name: 'nightly',
        sourceAgentId: agentIds[0],
        sourcePaths: ['exports'],
        destinationAgentId: agentIds[1],
        destinationDir: 'incoming',
      },
    });
    expect(created.status).toBe(201);
    const jobId = created.body.id;
    const get = async <T>(path: string) => (await server.request<T>('GET', path, { token })).body;

    const queryClient = createQueryClient();
    realtime = new RealtimeClient({
      url: server.url.replace(/^http/, 'ws'),
      getToken: async () => token,
      createSocket: (url) => new NodeWebSocket(url) as unknown as WebSocket,
      backoffMs: () => 100,
    });
    const subscribed: string[] = [];
    realtime.onMessage((message) => {
      if (message.type === 'subscribed') subscribed.push(message.projectId);
    });
    const events = new ProjectEvents(realtime, queryClient);
    realtime.start();
    const stop = events.watch(projectId);
    await waitUntil('the subscription', async () => subscribed.includes(projectId));

    const runsPath = `/api/v1/projects/${projectId}/jobs/${jobId}/runs`;
    await queryClient.fetchQuery({
      queryKey: jobKeys.runsPage(projectId, jobId, 1),
      queryFn: () => get<RunPage>(`${runsPath}?limit=1`),
    });
    await queryClient.fetchQuery({
      queryKey: jobKeys.runsPage(projectId, jobId, 50),
      queryFn: () => get<RunPage>(`${runsPath}?limit=50`),
    });
    await queryClient.fetchQuery({
      queryKey: jobKeys.detail(projectId, jobId),
      queryFn: () => get<Job>(`/api/v1/projects/${projectId}/jobs/${jobId}`),
    });
    const page = (limit: number) => queryClient.getQueryData<RunPage>(jobKeys.runsPage(projectId, jobId, limit))?.runs;
    expect(page(50)).toEqual([]);

    const first = await server.request<JobRun>('POST', `/api/v1/projects/${projectId}/jobs/${jobId}/run`, { token });
    expect(first.status).toBe(201);
    await waitUntil('the first run in both pages', async () => page(50)?.[0]?.id === first.body.id);
    expect(page(1)?.map((run) => run.id)).toEqual([first.body.id]);
    expect(queryClient.getQueryState(jobKeys.detail(projectId, jobId))?.isInvalidated).toBe(true);

    // Its transfer waits for the agents (neither is connected): under "skip" the next run is skipped.
    const second = await server.request<JobRun>('POST', `/api/v1/projects/${projectId}/jobs/${jobId}/run`, { token });
    expect(second.status).toBe(201);
    expect(second.body.status).toBe('skipped');
    await waitUntil('the skipped run at the top', async () => page(50)?.[0]?.id === second.body.id);
    expect(page(50)?.map((run) => run.id)).toEqual([second.body.id, first.body.id]);
    expect(page(1)?.map((run) => [run.id, run.status, run.reason])).toEqual([
      [second.body.id, 'skipped', expect.any(String)],
    ]);
    stop();
  });
});

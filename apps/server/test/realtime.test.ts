import { AGENT_PROTOCOL_VERSION, CloseCode } from '@tcpa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, Peer, sample, startLiveServer, TestAgent } from './live-server.ts';

interface Tenant {
  token: string;
  companyId: string;
  projectId: string;
}

async function createTenant(server: LiveServer, name: string): Promise<Tenant> {
  const signup = await server.request('POST', '/api/v1/auth/signup', {
    body: { email: `owner@${name}.test`, password: 'correct horse battery', companyName: name },
  });
  const token = signup.body.accessToken;
  await server.sql(`update subscriptions set plan_id = 'professional' where company_id = $1`, [signup.body.company.id]);
  const project = await server.request('POST', '/api/v1/projects', { token, body: { name: 'main' } });
  return { token, companyId: signup.body.company.id, projectId: project.body.id };
}

async function enrolAgent(server: LiveServer, tenant: Tenant, options: { preApproved?: boolean; name?: string } = {}) {
  const created = await server.request('POST', `/api/v1/projects/${tenant.projectId}/enrolment-tokens`, {
    token: tenant.token,
    body: { preApproved: options.preApproved ?? true },
  });
  const agent = await TestAgent.create();
  const enrolled = await agent.enrol(server, created.body.secret, options.name ?? 'agent');
  expect(enrolled.status).toBe(201);
  return agent;
}

describe('realtime hub', () => {
  let server: LiveServer;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    server = await startLiveServer();
    a = await createTenant(server, 'alpha');
    b = await createTenant(server, 'beta');
  });
  afterAll(() => server?.close());

  it('refuses missing and bad credentials with clear close codes', async () => {
    const silent = await Peer.open(server.url);
    silent.send({ type: 'auth', token: 'garbage' });
    expect(await silent.waitForClose()).toBe(CloseCode.unauthorized);
    const forged = await Peer.open(server.url, 'not.a.jwt');
    expect(await forged.waitForClose()).toBe(CloseCode.unauthorized);
  });

  it('greets an agent with its config, shows it online to subscribers, and offline when it leaves', async () => {
    const watcher = await Peer.open(server.url, a.token);
    await watcher.waitFor((m) => m.type === 'ready');
    watcher.send({ type: 'subscribe', projectId: a.projectId });
    await watcher.waitFor((m) => m.type === 'subscribed');

    const agent = await enrolAgent(server, a, { name: 'presence' });
    const socket = await agent.connect(server);
    const hello = await socket.waitFor((m) => m.type === 'hello');
    expect(hello).toMatchObject({
      agentId: agent.agentId,
      status: 'active',
      config: { telemetryIntervalMs: 1000, planId: 'professional' },
    });
    await watcher.waitFor((m) => m.type === 'agent_status' && m.agent.id === agent.agentId && m.agent.online);
    const listed = await server.request('GET', `/api/v1/projects/${a.projectId}/agents?online=true`, {
      token: a.token,
    });
    expect(listed.body.agents.map((x: { id: string }) => x.id)).toContain(agent.agentId);

    socket.close();
    await watcher.waitFor((m) => m.type === 'agent_status' && m.agent.id === agent.agentId && !m.agent.online);
    watcher.close();
  });

  it('lets a pending agent in, and tells it when it is approved', async () => {
    const agent = await enrolAgent(server, a, { preApproved: false, name: 'waiting' });
    const socket = await agent.connect(server);
    expect((await socket.waitFor((m) => m.type === 'hello')).status).toBe('pending');
    await server.request('POST', `/api/v1/projects/${a.projectId}/agents/${agent.agentId}/approve`, { token: a.token });
    await socket.waitFor((m) => m.type === 'hello' && m.status === 'active');
    socket.close();
  });

  it('refuses an agent that speaks another protocol, and says so to it and on its page', async () => {
    const agent = await enrolAgent(server, a, { name: 'outdated' });
    for (const protocol of [null, AGENT_PROTOCOL_VERSION + 1]) {
      const socket = await Peer.open(server.url, await agent.assertion({ protocol }));
      expect(await socket.waitForClose()).toBe(CloseCode.upgradeRequired);
      const spoken = protocol ?? 1;
      expect(socket.closeReason).toBe(
        `agent protocol ${spoken}, server ${AGENT_PROTOCOL_VERSION}: install this server's agent`,
      );
      const page = await server.request('GET', `/api/v1/projects/${a.projectId}/agents/${agent.agentId}`, {
        token: a.token,
      });
      expect(page.body.online).toBe(false);
      expect(page.body.lastRefusal.reason).toMatch(
        new RegExp(
          `^This agent speaks protocol ${spoken} and this control plane ${AGENT_PROTOCOL_VERSION}: replace its program`,
        ),
      );
    }
    const current = await agent.connect(server);
    expect((await current.waitFor((m) => m.type === 'hello')).status).toBe('active');
    current.close();
  });

  it('disconnects a revoked agent at once and refuses it afterwards', async () => {
    const agent = await enrolAgent(server, a, { name: 'doomed' });
    const socket = await agent.connect(server);
    await socket.waitFor((m) => m.type === 'hello');
    const revoked = await server.request('POST', `/api/v1/projects/${a.projectId}/agents/${agent.agentId}/revoke`, {
      token: a.token,
    });
    expect(revoked.body.status).toBe('revoked');
    expect(await socket.waitForClose(2000)).toBe(CloseCode.revoked);
    const again = await agent.connect(server);
    expect(await again.waitForClose()).toBe(CloseCode.revoked);
  });

  it('stores telemetry, acks it only once stored, and folds samples sent faster than the plan', async () => {
    const agent = await enrolAgent(server, a, { name: 'sender' });
    const socket = await agent.connect(server);
    await socket.waitFor((m) => m.type === 'hello');
    const start = Date.now() - 10_000;
    // Professional plan: 1 s. Samples 1 s apart are kept; the 200 ms ones in between are folded.
    const samples = [
      sample(1, start),
      sample(2, start + 200),
      sample(3, start + 1000),
      sample(4, start + 1200),
      sample(5, start + 2000),
    ];
    socket.send({ type: 'telemetry', samples });
    const ack = await socket.waitFor((m) => m.type === 'ack');
    expect(ack).toEqual({ type: 'ack', upToSeq: 5, folded: 2 });
    const rows = await server.sql<{ seq: number }>('select seq from telemetry where agent_id = $1 order by seq', [
      agent.agentId,
    ]);
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 3, 5]);
    // A replay of the same samples is acknowledged but stored once.
    socket.send({ type: 'telemetry', samples: [samples[0], samples[2]] });
    await socket.waitFor((m) => m.type === 'ack' && m !== ack);
    const after = await server.sql('select seq from telemetry where agent_id = $1', [agent.agentId]);
    expect(after).toHaveLength(3);
    const [rollup] = await server.sql<{ samples: number }>(
      'select sum(samples)::int as samples from telemetry_minute where agent_id = $1',
      [agent.agentId],
    );
    expect(rollup?.samples).toBe(3);
    socket.close();
  });

  it('pushes new config to connected agents when the plan changes', async () => {
    const agent = await enrolAgent(server, a, { name: 'plan-follower' });
    const socket = await agent.connect(server);
    await socket.waitFor((m) => m.type === 'hello');
    await server.sql(`update subscriptions set plan_id = 'enterprise' where company_id = $1`, [a.companyId]);
    const config = await socket.waitFor((m) => m.type === 'config');
    expect(config.config).toEqual({ telemetryIntervalMs: 100, planId: 'enterprise' });
    await server.sql(`update subscriptions set plan_id = 'professional' where company_id = $1`, [a.companyId]);
    await socket.waitFor((m) => m.type === 'config' && m.config.planId === 'professional');
    socket.close();
  });

  it("never lets company B watch company A's project or receive its telemetry", async () => {
    const spy = await Peer.open(server.url, b.token);
    await spy.waitFor((m) => m.type === 'ready');
    spy.send({ type: 'subscribe', projectId: a.projectId });
    const refused = await spy.waitFor((m) => m.type === 'error');
    expect(refused.code).toBe('not_found');
    spy.send({ type: 'subscribe', projectId: b.projectId });
    await spy.waitFor((m) => m.type === 'subscribed');

    const watcherA = await Peer.open(server.url, a.token);
    watcherA.send({ type: 'subscribe', projectId: a.projectId });
    await watcherA.waitFor((m) => m.type === 'subscribed');
    const agent = await enrolAgent(server, a, { name: 'secretive' });
    const socket = await agent.connect(server);
    await socket.waitFor((m) => m.type === 'hello');
    socket.send({ type: 'telemetry', samples: [sample(1, Date.now())] });
    await watcherA.waitFor(
      (m) => m.type === 'telemetry' && m.batches.some((b: { agentId: string }) => b.agentId === agent.agentId),
    );
    await socket.waitFor((m) => m.type === 'ack');
    expect(JSON.stringify(spy.messages)).not.toContain(agent.agentId);
    expect(spy.messages.filter((m) => m.type === 'telemetry' || m.type === 'agent_status')).toEqual([]);
    for (const peer of [spy, watcherA, socket]) peer.close();
  });

  it('answers bad frames with error frames, closes after repeated ones, and keeps serving others', async () => {
    const agent = await enrolAgent(server, a, { name: 'noisy' });
    const socket = await agent.connect(server);
    await socket.waitFor((m) => m.type === 'hello');
    socket.send('{not json');
    const error = await socket.waitFor((m) => m.type === 'error');
    expect(error).toMatchObject({ code: 'bad_message', message: 'message is not valid JSON' });
    socket.send({ type: 'telemetry', samples: [{ seq: 'one' }] });
    socket.send({ type: 'launch_missiles' });
    socket.send({ type: 'telemetry', samples: [] });
    socket.send({ type: 'telemetry', samples: [sample(1, Date.now(), { cpuPct: -5 })] });
    expect(await socket.waitForClose()).toBe(CloseCode.badRequest);
    expect(socket.messages.filter((m) => m.type === 'error')).toHaveLength(5);
    const health = await server.request('GET', '/api/v1/health');
    expect(health.body.status).toBe('ok');
  });

  it('cuts an agent that stops answering heartbeats and shows it offline', async () => {
    const watcher = await Peer.open(server.url, a.token);
    watcher.send({ type: 'subscribe', projectId: a.projectId });
    await watcher.waitFor((m) => m.type === 'subscribed');
    const agent = await enrolAgent(server, a, { name: 'silent' });
    const socket = await agent.connect(server);
    socket.answerPings = false;
    await socket.waitFor((m) => m.type === 'hello');
    expect(await socket.waitForClose(6000)).toBe(CloseCode.heartbeatTimeout);
    await watcher.waitFor((m) => m.type === 'agent_status' && m.agent.id === agent.agentId && !m.agent.online);
    watcher.close();
  });

  it('closes a connection that sends an oversized frame', async () => {
    const watcher = await Peer.open(server.url, a.token);
    await watcher.waitFor((m) => m.type === 'ready');
    watcher.send('x'.repeat(300 * 1024));
    expect(await watcher.waitForClose()).toBe(1009);
  });

  it('loses nothing across a server restart: replayed samples are stored exactly once', async () => {
    const agent = await enrolAgent(server, a, { name: 'survivor' });
    let socket = await agent.connect(server);
    await socket.waitFor((m) => m.type === 'hello');
    const start = Date.now() - 60_000;
    const all = Array.from({ length: 40 }, (_, i) => sample(i + 1, start + i * 1000));
    socket.send({ type: 'telemetry', samples: all.slice(0, 20) });
    await socket.waitFor((m) => m.type === 'ack' && m.upToSeq === 20);

    await server.restart();
    expect(await socket.waitForClose()).toBe(1001);
    socket = await agent.connect(server);
    await socket.waitFor((m) => m.type === 'hello');
    // The agent did not get an ack for 15–20 in its view, so it replays them with the rest.
    socket.send({ type: 'telemetry', samples: all.slice(14) });
    await socket.waitFor((m) => m.type === 'ack' && m.upToSeq === 40);
    const [count] = await server.sql<{ n: number }>('select count(*)::int as n from telemetry where agent_id = $1', [
      agent.agentId,
    ]);
    expect(count?.n).toBe(40);
    const telemetry = await server.request(
      'GET',
      `/api/v1/projects/${a.projectId}/agents/${agent.agentId}/telemetry?from=${new Date(start - 1000).toISOString()}&to=${new Date().toISOString()}`,
      { token: a.token },
    );
    expect(telemetry.body.resolution).toBe('raw');
    expect(telemetry.body.points).toHaveLength(40);
    const minutes = await server.request(
      'GET',
      `/api/v1/projects/${a.projectId}/agents/${agent.agentId}/telemetry?from=${new Date(start - 3_600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`,
      { token: a.token },
    );
    expect(minutes.body.resolution).toBe('minute');
    expect(minutes.body.points.reduce((sum: number, p: { samples: number }) => sum + p.samples, 0)).toBe(40);
    socket.close();
  });
});

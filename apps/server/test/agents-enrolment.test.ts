import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, startLiveServer, TestAgent } from './live-server.ts';

describe('agent enrolment', () => {
  let server: LiveServer;
  let owner: { token: string; companyId: string };
  let projectId: string;

  async function createToken(body: Record<string, unknown> = {}) {
    const response = await server.request('POST', `/api/v1/projects/${projectId}/enrolment-tokens`, {
      token: owner.token,
      body,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  beforeAll(async () => {
    server = await startLiveServer();
    const signup = await server.request('POST', '/api/v1/auth/signup', {
      body: { email: 'owner@fleet.test', password: 'correct horse battery', companyName: 'Fleet Co' },
    });
    owner = { token: signup.body.accessToken, companyId: signup.body.company.id };
    projectId = (await server.request('POST', '/api/v1/projects', { token: owner.token, body: { name: 'Edge' } })).body
      .id;
  });
  afterAll(() => server?.close());

  it('hands out a token with a one-line install command, secret shown once', async () => {
    const created = await createToken({ name: 'laptops', tags: ['site:lab'] });
    expect(created.secret).toMatch(/^tcpe_/);
    expect(created.installCommand).toBe(
      `curl -fsSL ${server.url}/install.sh | sh -s -- --token ${created.secret} --root /path/to/transfer-folder`,
    );
    const listed = await server.request('GET', `/api/v1/projects/${projectId}/enrolment-tokens`, {
      token: owner.token,
    });
    expect(listed.body.tokens[0]).toMatchObject({ name: 'laptops', reusable: false, preApproved: false, usedCount: 0 });
    expect(JSON.stringify(listed.body)).not.toContain(created.secret);
  });

  it("puts the machine's transfer folder in the install command, quoted for the shell", async () => {
    const plain = await createToken({ root: '/srv/transfers' });
    expect(plain.installCommand).toBe(
      `curl -fsSL ${server.url}/install.sh | sh -s -- --token ${plain.secret} --root /srv/transfers`,
    );
    const spaced = await createToken({ root: "/data/it's $HOME" });
    expect(spaced.installCommand.endsWith(` --root '/data/it'\\''s $HOME'`)).toBe(true);
    for (const [root, why] of [
      ['srv/transfers', 'must be an absolute folder path on the machine'],
      ['~/transfers', 'must be an absolute folder path on the machine'],
      ['/srv/a\nb', 'must not contain control characters'],
      ['', 'must not be empty'],
    ] as const) {
      const refused = await server.request('POST', `/api/v1/projects/${projectId}/enrolment-tokens`, {
        token: owner.token,
        body: { root },
      });
      expect(refused.status, root).toBe(400);
      expect(JSON.stringify(refused.body), root).toContain(why);
    }
  });

  it('enrols with a one-off token as pending with the token tags, and refuses its reuse', async () => {
    const { secret } = await createToken({ tags: ['site:lab', 'gpu'] });
    const agent = await TestAgent.create();
    const enrolled = await agent.enrol(server, secret, 'builder-1');
    expect(enrolled.status).toBe(201);
    expect(enrolled.body).toMatchObject({
      status: 'pending',
      tags: ['site:lab', 'gpu'],
      projectId,
      config: { telemetryIntervalMs: 30000, planId: 'free' },
    });
    const again = await (await TestAgent.create()).enrol(server, secret, 'builder-2');
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/has been used/);
    const listed = await server.request('GET', `/api/v1/projects/${projectId}/agents`, { token: owner.token });
    expect(listed.body.agents.map((a: { name: string; status: string }) => `${a.name}:${a.status}`)).toEqual([
      'builder-1:pending',
    ]);
  });

  it('refuses expired, revoked and made-up tokens with clear messages', async () => {
    const expired = await createToken();
    await server.sql(`update enrolment_tokens set expires_at = now() - interval '1 minute' where id = $1`, [
      expired.token.id,
    ]);
    const expiredResponse = await (await TestAgent.create()).enrol(server, expired.secret);
    expect(expiredResponse.status).toBe(401);
    expect(expiredResponse.body.error.message).toMatch(/expired/);

    const revoked = await createToken();
    await server.request('DELETE', `/api/v1/projects/${projectId}/enrolment-tokens/${revoked.token.id}`, {
      token: owner.token,
    });
    const revokedResponse = await (await TestAgent.create()).enrol(server, revoked.secret);
    expect(revokedResponse.status).toBe(401);
    expect(revokedResponse.body.error.message).toMatch(/revoked/);

    const madeUp = await (await TestAgent.create()).enrol(server, `tcpe_abcdefgh_${'x'.repeat(43)}`);
    expect(madeUp.status).toBe(401);
  });

  it('enforces the plan agent limit with 402 plan_limit', async () => {
    const { secret } = await createToken({ reusable: true, preApproved: true });
    const second = await (await TestAgent.create()).enrol(server, secret, 'second');
    expect(second.status).toBe(201);
    expect(second.body.status).toBe('active');
    const third = await (await TestAgent.create()).enrol(server, secret, 'third');
    expect(third.status).toBe(402);
    expect(third.body.error).toMatchObject({
      code: 'plan_limit',
      message: 'Your Free plan allows at most 2 agents. Upgrade to Starter for up to 10 agents.',
    });
  });

  it('lets admins rename, tag, reject and filter agents', async () => {
    const agents = (await server.request('GET', `/api/v1/projects/${projectId}/agents`, { token: owner.token })).body
      .agents;
    const pending = agents.find((a: { status: string }) => a.status === 'pending');
    const renamed = await server.request('PATCH', `/api/v1/projects/${projectId}/agents/${pending.id}`, {
      token: owner.token,
      body: { name: 'renamed', tags: ['rack:7'] },
    });
    expect(renamed.body).toMatchObject({ name: 'renamed', tags: ['rack:7'] });
    const byTag = await server.request('GET', `/api/v1/projects/${projectId}/agents?tag=rack:7`, {
      token: owner.token,
    });
    expect(byTag.body.agents.map((a: { id: string }) => a.id)).toEqual([pending.id]);
    const byStatus = await server.request('GET', `/api/v1/projects/${projectId}/agents?status=active`, {
      token: owner.token,
    });
    expect(byStatus.body.agents.map((a: { name: string }) => a.name)).toEqual(['second']);
    const rejected = await server.request('POST', `/api/v1/projects/${projectId}/agents/${pending.id}/reject`, {
      token: owner.token,
    });
    expect(rejected.body.status).toBe('rejected');
    const again = await server.request('POST', `/api/v1/projects/${projectId}/agents/${pending.id}/approve`, {
      token: owner.token,
    });
    expect(again.status).toBe(409);
    // A rejected agent no longer counts against the plan.
    const { secret } = await createToken();
    expect((await (await TestAgent.create()).enrol(server, secret, 'fits again')).status).toBe(201);
  });
});

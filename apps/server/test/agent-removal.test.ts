import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, signUpWithProject, startLiveServer, TestAgent } from './live-server.ts';
import { addToProject, invite } from './people.ts';

/** A revoked agent leaves the fleet list (still there on request) and can then be deleted. */
describe('revoked agents', () => {
  let server: LiveServer;
  let owner: { token: string; companyId: string; projectId: string };
  let revokedId: string;
  let liveId: string;

  const agents = async (query = '') =>
    (await server.request('GET', `/api/v1/projects/${owner.projectId}/agents${query}`, { token: owner.token })).body
      .agents as Array<{ id: string; name: string; status: string }>;

  beforeAll(async () => {
    server = await startLiveServer();
    owner = await signUpWithProject(server, 'revoked');
    const token = await server.request('POST', `/api/v1/projects/${owner.projectId}/enrolment-tokens`, {
      token: owner.token,
      body: { reusable: true, preApproved: true },
    });
    const first = await (await TestAgent.create()).enrol(server, token.body.secret, 'edge-1');
    revokedId = first.body.agentId;
    const revoked = await server.request('POST', `/api/v1/projects/${owner.projectId}/agents/${revokedId}/revoke`, {
      token: owner.token,
    });
    expect(revoked.body.status).toBe('revoked');
    // The machine is enrolled again under the same name.
    liveId = (await (await TestAgent.create()).enrol(server, token.body.secret, 'edge-1')).body.agentId;
  });
  afterAll(() => server?.close());

  it('leaves the fleet list by default; status=revoked or includeRevoked=true shows it', async () => {
    expect(await agents()).toEqual([expect.objectContaining({ id: liveId, name: 'edge-1', status: 'active' })]);
    expect((await agents('?status=revoked')).map((agent) => agent.id)).toEqual([revokedId]);
    expect((await agents('?includeRevoked=true')).map((agent) => agent.id).sort()).toEqual([revokedId, liveId].sort());
  });

  it('refuses to delete a live agent (revoke it first) and lets only agents:write delete', async () => {
    const live = await server.request('DELETE', `/api/v1/projects/${owner.projectId}/agents/${liveId}`, {
      token: owner.token,
    });
    expect(live.status).toBe(409);
    expect(live.body.error.message).toBe(
      `Agent "edge-1" is active: revoke it first (POST …/agents/${liveId}/revoke), then delete it`,
    );
    const ownerPerson = { ...owner, userId: '', email: 'ops@revoked.test', refreshToken: '' };
    const viewer = await invite(server, ownerPerson, 'viewer@revoked.test', 'member');
    await addToProject(server, ownerPerson, owner.projectId, viewer, 'viewer');
    const byViewer = await server.request('DELETE', `/api/v1/projects/${owner.projectId}/agents/${revokedId}`, {
      token: viewer.token,
    });
    expect(byViewer.status).toBe(403);
    expect((await agents('?status=revoked')).map((agent) => agent.id)).toEqual([revokedId]);
  });

  it('deletes a revoked agent for good, audited', async () => {
    const deleted = await server.request('DELETE', `/api/v1/projects/${owner.projectId}/agents/${revokedId}`, {
      token: owner.token,
    });
    expect(deleted.status).toBe(204);
    expect((await agents('?includeRevoked=true')).map((agent) => agent.id)).toEqual([liveId]);
    const gone = await server.request('GET', `/api/v1/projects/${owner.projectId}/agents/${revokedId}`, {
      token: owner.token,
    });
    expect(gone.status).toBe(404);
    const again = await server.request('DELETE', `/api/v1/projects/${owner.projectId}/agents/${revokedId}`, {
      token: owner.token,
    });
    expect(again.status).toBe(404);
    const audit = await server.sql<{ action: string; details: Record<string, unknown> }>(
      `select action, details from audit_log where company_id = $1 and target_id = $2 order by id`,
      [owner.companyId, revokedId],
    );
    expect(audit.map((row) => row.action)).toEqual(['agent.enrolled', 'agent.revoked', 'agent.deleted']);
    expect(audit.at(-1)?.details).toEqual({ name: 'edge-1', status: 'revoked' });
  });
});

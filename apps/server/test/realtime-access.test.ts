import { setTimeout as sleep } from 'node:timers/promises';
import { CloseCode } from '@tcpa/contracts';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, Peer, sample, startLiveServer, TestAgent } from './live-server.ts';
import { addToProject, createApiKey, invite, PASSWORD, type Person, setPlan, signUp } from './people.ts';

/** A subscriber to one project, ready to receive its events. */
async function watch(server: LiveServer, credential: string, projectId: string) {
  const peer = await Peer.open(server.url, credential);
  await peer.waitFor((m) => m.type === 'ready');
  peer.send({ type: 'subscribe', projectId });
  const subscribed = await peer.waitFor((m) => m.type === 'subscribed');
  return { peer, events: subscribed.events as string[] };
}

const received = (peer: Peer, type: string) => peer.messages.filter((m) => m.type === type);

/**
 * Realtime subscriptions follow the caller's permissions as they are now: each event type goes
 * only to those who hold its permission, and a change of role, membership or key reaches open
 * sockets, not only the next request.
 */
describe('realtime access', () => {
  let server: LiveServer;
  let owner: Person;
  let projectId: string;
  let source: TestAgent;
  let destination: TestAgent;
  let renames = 0;

  /** An agent_status event in the project (needs agents:read). */
  const renameAgent = async () => {
    const name = `source ${++renames}`;
    const renamed = await server.request('PATCH', `/api/v1/projects/${projectId}/agents/${source.agentId}`, {
      token: owner.token,
      body: { name },
    });
    expect(renamed.status).toBe(200);
    return name;
  };
  /** A transfer event in the project (needs transfers:read). */
  const createTransfer = async () => {
    const created = await server.request('POST', `/api/v1/projects/${projectId}/transfers`, {
      token: owner.token,
      body: {
        sourceAgentId: source.agentId,
        sourcePaths: ['data/file.bin'],
        destinationAgentId: destination.agentId,
        destinationDir: 'incoming',
      },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  beforeAll(async () => {
    server = await startLiveServer({ PLAN_WATCH_SECONDS: '0.2' });
    owner = await signUp(server, 'owner@access.test', 'Access Co');
    await setPlan(server, owner.companyId, 'professional');
    projectId = (await server.request('POST', '/api/v1/projects', { token: owner.token, body: { name: 'watched' } }))
      .body.id;
    const enrolment = await server.request('POST', `/api/v1/projects/${projectId}/enrolment-tokens`, {
      token: owner.token,
      body: { reusable: true, preApproved: true },
    });
    source = await TestAgent.create();
    destination = await TestAgent.create();
    await source.enrol(server, enrolment.body.secret, 'source');
    await destination.enrol(server, enrolment.body.secret, 'destination');
  });
  afterAll(() => server?.close());

  const signIn = async (email: string) => {
    const response = await server.request('POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.accessToken as string;
  };

  it("tells the company's open dashboards when its plan changes, and no other company's", async () => {
    const stranger = await signUp(server, 'owner@elsewhere.test', 'Elsewhere Co');
    const ours = await Peer.open(server.url, owner.token);
    const theirs = await Peer.open(server.url, stranger.token);
    await Promise.all([ours.waitFor((m) => m.type === 'ready'), theirs.waitFor((m) => m.type === 'ready')]);
    // Past the watcher's notice of the stranger's own new subscription (it looks every 0.2 s here).
    await sleep(1000);
    const before = received(theirs, 'plan_changed').length;
    await setPlan(server, owner.companyId, 'enterprise');
    await ours.waitFor((m) => m.type === 'plan_changed', 15_000);
    await sleep(1000);
    expect(received(theirs, 'plan_changed')).toHaveLength(before);
    await setPlan(server, owner.companyId, 'professional');
    ours.close();
    theirs.close();
  });

  it('sends a key without transfers:read agent and telemetry events but no transfer events', async () => {
    const key = await createApiKey(server, owner, { name: 'agents only', scopes: ['agents:read'] });
    const everything = await watch(server, owner.token, projectId);
    const agentWatcher = await watch(server, key.secret, projectId);
    const transferId = await createTransfer();
    await everything.peer.waitFor((m) => m.type === 'transfer' && m.transfer.id === transferId);
    const name = await renameAgent();
    const agentSocket = await source.connect(server);
    await agentSocket.waitFor((m) => m.type === 'hello');
    agentSocket.send({ type: 'telemetry', samples: [sample(1, Date.now())] });
    for (const peer of [everything.peer, agentWatcher.peer]) {
      await peer.waitFor((m) => m.type === 'agent_status' && m.agent.name === name);
      await peer.waitFor((m) => m.type === 'telemetry');
    }
    // Each socket gets events in order: whatever was sent before the last one seen has arrived.
    expect(received(agentWatcher.peer, 'transfer')).toEqual([]);
    expect(everything.events).toEqual(['agent_status', 'telemetry', 'transfer', 'job_run']);
    expect(agentWatcher.events).toEqual(['agent_status', 'telemetry']);
    for (const peer of [everything.peer, agentWatcher.peer, agentSocket]) peer.close();
  });

  it('sends a key with only transfers:read transfer events and nothing about agents', async () => {
    const key = await createApiKey(server, owner, { name: 'transfers only', scopes: ['transfers:read'] });
    const transferWatcher = await watch(server, key.secret, projectId);
    expect(transferWatcher.events).toEqual(['transfer']);
    await renameAgent();
    const { peer: control } = await watch(server, owner.token, projectId);
    const transferId = await createTransfer();
    await control.waitFor((m) => m.type === 'transfer' && m.transfer.id === transferId);
    await transferWatcher.peer.waitFor((m) => m.type === 'transfer' && m.transfer.id === transferId);
    expect(received(transferWatcher.peer, 'agent_status')).toEqual([]);
    expect(received(transferWatcher.peer, 'telemetry')).toEqual([]);
    transferWatcher.peer.close();
    control.close();
  });

  it("closes a removed member's socket and any using their key", async () => {
    const member = await invite(server, owner, 'leaver@access.test', 'admin');
    const key = await createApiKey(server, member, { name: 'leaver key', scopes: ['agents:read'] });
    const { peer } = await watch(server, member.token, projectId);
    const { peer: keyPeer } = await watch(server, key.secret, projectId);
    expect((await server.request('DELETE', `/api/v1/members/${member.userId}`, { token: owner.token })).status).toBe(
      204,
    );
    expect(await peer.waitForClose()).toBe(CloseCode.forbidden);
    expect(peer.closeReason).toBe('You are no longer a member of this company');
    expect(await keyPeer.waitForClose()).toBe(CloseCode.unauthorized);
    expect(keyPeer.closeReason).toBe('API key belongs to a user who has left the company: create a new one');
  });

  it('closes sockets of a revoked key', async () => {
    const key = await createApiKey(server, owner, { name: 'doomed', scopes: ['agents:read'] });
    const { peer } = await watch(server, key.secret, projectId);
    const idle = await Peer.open(server.url, key.secret);
    await idle.waitFor((m) => m.type === 'ready');
    expect((await server.request('DELETE', `/api/v1/api-keys/${key.id}`, { token: owner.token })).status).toBe(204);
    for (const socket of [peer, idle]) {
      expect(await socket.waitForClose()).toBe(CloseCode.unauthorized);
      expect(socket.closeReason).toBe('API key has been revoked: create a new one');
    }
  });

  it('drops the subscription of someone removed from the project, and keeps their socket', async () => {
    const member = await invite(server, owner, 'moved@access.test', 'member');
    await addToProject(server, owner, projectId, member, 'operator');
    const { peer } = await watch(server, member.token, projectId);
    const { peer: control } = await watch(server, owner.token, projectId);
    const removed = await server.request('DELETE', `/api/v1/projects/${projectId}/members/${member.userId}`, {
      token: owner.token,
    });
    expect(removed.status).toBe(204);
    expect(await peer.waitFor((m) => m.type === 'unsubscribed')).toEqual({
      type: 'unsubscribed',
      projectId,
      reason: 'You no longer have access to this project',
    });
    const name = await renameAgent();
    await control.waitFor((m) => m.type === 'agent_status' && m.agent.name === name);
    expect(peer.messages.filter((m) => m.type === 'agent_status' && m.agent.name === name)).toEqual([]);
    expect(peer.closeCode).toBeUndefined();
    // Subscribing again is refused like any project out of reach.
    peer.send({ type: 'subscribe', projectId });
    expect((await peer.waitFor((m) => m.type === 'error')).code).toBe('not_found');
    peer.close();
    control.close();
  });

  it('drops the subscriptions of someone whose company role is downgraded, and of their keys', async () => {
    const admin = await invite(server, owner, 'demoted@access.test', 'admin');
    const key = await createApiKey(server, admin, {
      name: 'admin key',
      scopes: ['agents:read', 'transfers:read'],
    });
    const { peer } = await watch(server, admin.token, projectId);
    const { peer: keyPeer } = await watch(server, key.secret, projectId);
    const changed = await server.request('PATCH', `/api/v1/members/${admin.userId}`, {
      token: owner.token,
      body: { role: 'member' },
    });
    expect(changed.status).toBe(200);
    for (const socket of [peer, keyPeer]) {
      await socket.waitFor((m) => m.type === 'unsubscribed' && m.projectId === projectId);
    }
    const transferId = await createTransfer();
    const { peer: control } = await watch(server, owner.token, projectId);
    await renameAgent();
    await control.waitFor((m) => m.type === 'agent_status' && m.agent.name === `source ${renames}`);
    for (const socket of [peer, keyPeer]) {
      expect(socket.messages.filter((m) => m.type === 'transfer' && m.transfer.id === transferId)).toEqual([]);
      expect(socket.messages.filter((m) => m.type === 'agent_status' && m.agent.name === `source ${renames}`)).toEqual(
        [],
      );
      socket.close();
    }
    control.close();
  });

  it('closes the sockets of a session that signs out, and of the other sessions when the password changes', async () => {
    const member = await invite(server, owner, 'leaving-session@access.test', 'admin');
    const { peer: signedOut } = await watch(server, member.token, projectId);
    expect(
      (await server.request('POST', '/api/v1/auth/logout', { body: { refreshToken: member.refreshToken } })).status,
    ).toBe(204);
    expect(await signedOut.waitForClose()).toBe(CloseCode.unauthorized);
    expect(signedOut.closeReason).toBe('This session has ended (signed out or password changed): sign in again');

    const first = await signIn(member.email);
    const second = await signIn(member.email);
    const { peer: elsewhere } = await watch(server, first, projectId);
    const { peer: here } = await watch(server, second, projectId);
    const changed = await server.request('POST', '/api/v1/auth/password', {
      token: second,
      body: { currentPassword: PASSWORD, newPassword: 'another long password' },
    });
    expect(changed.status).toBe(204);
    expect(await elsewhere.waitForClose()).toBe(CloseCode.unauthorized);
    // The session that changed the password carries on.
    const name = await renameAgent();
    await here.waitFor((m) => m.type === 'agent_status' && m.agent.name === name);
    expect(here.closeCode).toBeUndefined();
    here.close();
  });

  it('closes a socket when its access token expires, and when its API key expires', async () => {
    const claims = decodeJwt(owner.token);
    const shortLived = await server.current.deps.tokens.signWithExpiry(
      { userId: claims.sub as string, companyId: claims.cid as string, sessionId: claims.sid as string },
      Math.floor(Date.now() / 1000) + 2,
    );
    const expiring = await createApiKey(server, owner, {
      name: 'expiring',
      scopes: ['agents:read'],
      expiresAt: new Date(Date.now() + 3000).toISOString(),
    });
    const { peer } = await watch(server, shortLived, projectId);
    const { peer: keyPeer } = await watch(server, expiring.secret, projectId);
    expect(await peer.waitForClose(15_000)).toBe(CloseCode.unauthorized);
    expect(peer.closeReason).toBe('access token expired: reconnect with a fresh one');
    expect(await keyPeer.waitForClose(15_000)).toBe(CloseCode.unauthorized);
    expect(keyPeer.closeReason).toBe('API key expired: create a new one');
  });
});

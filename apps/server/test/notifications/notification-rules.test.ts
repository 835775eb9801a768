import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToProject, createProject, invite, type Person, setPlan, signUp } from '../people.ts';
import { createTestServer, type TestServer } from '../test-server.ts';

/** What the channel and rule routes refuse, and why: plans, forged addresses, parameters, permissions. */
describe('notification channels and alert rules: what is refused', () => {
  let server: TestServer;
  let owner: Person;
  let projectId: string;
  const post = (path: string, body: unknown, by: Person = owner) =>
    server.request('POST', path, { token: by.token, body });

  beforeAll(async () => {
    server = await createTestServer();
    owner = await signUp(server, 'owner@rules.test', 'Rules Co');
    projectId = await createProject(server, owner, 'Production');
  });
  afterAll(() => server?.close());

  it('refuses channels the plan does not include with 402, naming the plan that does', async () => {
    const email = await post('/api/v1/notification-channels', {
      kind: 'email',
      name: 'ops',
      recipients: ['ops@rules.test'],
    });
    expect(email.status).toBe(402);
    expect(email.body.error.message).toBe('The Free plan does not include email alerts: upgrade to Starter to use it');
    await setPlan(server, owner.companyId, 'starter');
    expect(
      (await post('/api/v1/notification-channels', { kind: 'email', name: 'ops', recipients: ['ops@rules.test'] }))
        .status,
    ).toBe(201);
    const again = await post('/api/v1/notification-channels', {
      kind: 'email',
      name: 'ops',
      recipients: ['x@rules.test'],
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      message: 'A channel named "ops" already exists: pick another name',
      details: { field: 'name' },
    });
    for (const kind of ['slack', 'teams', 'webhook'] as const) {
      const refused = await post('/api/v1/notification-channels', {
        kind,
        name: kind,
        url: 'https://93.184.215.14/hook',
        ...(kind === 'webhook' ? { eventTypes: ['transfer.*'] } : {}),
      });
      expect(refused.status, kind).toBe(402);
      expect(refused.body.error.message).toMatch(/upgrade to Professional/);
    }
  });

  it('refuses URLs that are not https or that reach private, loopback or link-local addresses', async () => {
    await setPlan(server, owner.companyId, 'professional');
    const cases: Array<[string, RegExp]> = [
      ['http://93.184.215.14/hook', /https/],
      ['https://127.0.0.1/hook', /loopback/],
      ['https://localhost/hook', /loopback/],
      ['https://10.1.2.3/hook', /private/],
      ['https://192.168.1.10/hook', /private/],
      ['https://169.254.169.254/latest/meta-data', /link-local/i],
      ['https://[::1]/hook', /loopback/],
      ['https://[fe80::1]/hook', /link-local/i],
      ['https://[::ffff:127.0.0.1]/hook', /loopback/],
    ];
    for (const [url, why] of cases) {
      const refused = await post('/api/v1/notification-channels', {
        kind: 'webhook',
        name: 'hook',
        url,
        eventTypes: ['*'],
      });
      expect(refused.status, url).toBe(400);
      expect(refused.body.error.message, url).toMatch(why);
    }
    const channels = await server.request('GET', '/api/v1/notification-channels', { token: owner.token });
    expect(channels.body.channels.map((channel: { kind: string }) => channel.kind)).toEqual(['email']);
  });

  it('checks a rule’s parameters against its condition', async () => {
    const rules = `/api/v1/projects/${projectId}/alert-rules`;
    const offline = await post(rules, { name: 'offline', condition: 'agent_offline', channelIds: [] });
    expect(offline.status).toBe(201);
    expect(offline.body).toMatchObject({ forMinutes: 5, threshold: null, severity: 'warning', quietMinutes: 60 });
    const usage = await post(rules, { name: 'usage', condition: 'plan_usage', channelIds: [] });
    expect(usage.body).toMatchObject({ threshold: 80, forMinutes: null });
    const extra = await post(rules, { name: 'failed', condition: 'transfer_failed', forMinutes: 5, channelIds: [] });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toBe('forMinutes: transfer_failed takes no minutes; leave it out');
    const disk = await post(rules, { name: 'disk', condition: 'disk_space_low', channelIds: [] });
    expect(disk.status).toBe(201);
    expect(disk.body).toMatchObject({ threshold: 10, forMinutes: null });
    const slow = await post(rules, { name: 'slow', condition: 'transfer_slow', channelIds: [] });
    expect(slow.status).toBe(201);
    expect(slow.body).toMatchObject({ threshold: 50, forMinutes: 10 });
    const diskMinutes = await post(rules, {
      name: 'disk 2',
      condition: 'disk_space_low',
      forMinutes: 3,
      channelIds: [],
    });
    expect(diskMinutes.status).toBe(400);
    expect(diskMinutes.body.error.message).toBe('forMinutes: disk_space_low takes no minutes; leave it out');
    const duplicate = await post(rules, { name: 'offline', condition: 'agent_offline', channelIds: [] });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({
      message: 'A rule named "offline" already exists: pick another name',
      details: { field: 'name' },
    });
    const unknownChannel = await post(rules, {
      name: 'with a stranger',
      condition: 'agent_pending',
      channelIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknownChannel.status).toBe(404);
    expect(unknownChannel.body.error.message).toContain('00000000-0000-4000-8000-000000000000');
  });

  it('lets project operators manage rules, viewers only read them, and members no channels', async () => {
    const operator = await invite(server, owner, 'operator@rules.test', 'member');
    await addToProject(server, owner, projectId, operator, 'operator');
    const viewer = await invite(server, owner, 'viewer@rules.test', 'member');
    await addToProject(server, owner, projectId, viewer, 'viewer');
    const rules = `/api/v1/projects/${projectId}/alert-rules`;
    expect(
      (await post(rules, { name: 'by operator', condition: 'transfer_failed', channelIds: [] }, operator)).status,
    ).toBe(201);
    expect(
      (await post(rules, { name: 'by viewer', condition: 'transfer_failed', channelIds: [] }, viewer)).status,
    ).toBe(403);
    const seen = await server.request('GET', rules, { token: viewer.token });
    expect(seen.body.rules.map((rule: { name: string }) => rule.name)).toContain('by operator');
    const channel = await post(
      '/api/v1/notification-channels',
      { kind: 'email', name: 'x', recipients: ['x@rules.test'] },
      operator,
    );
    expect(channel.status).toBe(403);
    // An operator picks channels for rules: they see which there are, never their URLs.
    const listed = await server.request('GET', '/api/v1/notification-channels', { token: operator.token });
    expect(listed.body.channels.map((row: { name: string }) => row.name)).toEqual(['ops']);
    const hidden = await server.request('GET', '/api/v1/notification-channels', { token: viewer.token });
    expect(hidden.body.channels).toEqual([]);
  });
});

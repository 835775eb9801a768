import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../wait-until.ts';
import { type NotificationSetup, startNotificationSetup } from './notification-setup.ts';

/**
 * Alert rules against a real server (1 s grouping window, conditions checked every 0.5 s), with
 * agents' presence changed in the database as their nodes change it.
 */
describe('alert rules: grouping, bursts, flapping and resolution', () => {
  let setup: NotificationSetup;
  let emailId: string;
  let hookId: string;
  const hookRequests = () => setup.receiver.requests.filter((request) => request.path === '/alerts');
  const alertEmails = () => setup.inbox.messages.filter((mail) => mail.subject.includes('offline'));
  const agentsOffline = (names: string, minutesAgo: number) =>
    setup.server.sql(
      `update agents set online = false, last_seen_at = now() - make_interval(mins => $2) where name like $1`,
      [names, minutesAgo],
    );

  beforeAll(async () => {
    setup = await startNotificationSetup();
    await setup.server.sql(`update subscriptions set plan_id = 'enterprise' where company_id = $1`, [setup.companyId]);
    emailId = (await setup.channel({ kind: 'email', name: 'on call', recipients: ['oncall@alerts.test'] })).id;
    hookId = (
      await setup.channel({
        kind: 'webhook',
        name: 'pager',
        url: `${setup.receiver.url}/alerts`,
        eventTypes: ['alert.*'],
      })
    ).id;
    const rule = await setup.api('POST', `/api/v1/projects/${setup.projectId}/alert-rules`, {
      name: 'Agents offline',
      condition: 'agent_offline',
      forMinutes: 1,
      severity: 'critical',
      channelIds: [emailId, hookId],
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    expect(rule.body).toMatchObject({ forMinutes: 1, quietMinutes: 60, channelIds: [emailId, hookId].sort() });
    await setup.server.sql(
      `insert into agents (company_id, project_id, name, status, public_key, online, last_seen_at)
       select $1, $2, 'fleet-' || lpad(n::text, 3, '0'), 'active', '{}', true, now() from generate_series(1, 200) n`,
      [setup.companyId, setup.projectId],
    );
    await setup.server.sql(
      `insert into agents (company_id, project_id, name, status, public_key, online, last_seen_at)
       values ($1, $2, 'flappy', 'active', '{}', true, now())`,
      [setup.companyId, setup.projectId],
    );
  });
  afterAll(() => setup?.close());

  it('tells each channel once about 200 agents going offline at once, and once when they are back', async () => {
    await agentsOffline('fleet-%', 2);
    const mail = await waitUntil('the summary email', () => alertEmails()[0], 20_000);
    expect(mail.envelopeTo).toEqual(['oncall@alerts.test']);
    expect(mail.subject).toContain('Agents offline: 200 agents in project "Production"');
    expect(mail.text).toContain('fleet-001');
    expect(mail.text).toContain('and 180 more');
    expect(mail.text).toContain(`https://tcpa.example.com/p/${setup.projectId}/alerts`);
    const [hook] = await setup.receiver.waitForRequests(1);
    const event = JSON.parse(hook?.body ?? '{}');
    expect(event.type).toBe('alert.opened');
    expect(event.data.alerts).toHaveLength(200);
    const alerts = await setup.api('GET', `/api/v1/projects/${setup.projectId}/alerts?state=open&limit=500`);
    expect(alerts.body.alerts).toHaveLength(200);
    await sleep(2500);
    expect(alertEmails()).toHaveLength(1);
    expect(hookRequests()).toHaveLength(1);

    await setup.server.sql(`update agents set online = true, last_seen_at = now() where name like 'fleet-%'`);
    const resolved = await waitUntil('the resolved summary', () => alertEmails()[1], 20_000);
    expect(resolved.subject).toContain('[TCPA] [resolved] Agents offline: 200 agents');
    await waitUntil('the resolved webhook', () => hookRequests().length >= 2 && hookRequests());
    expect(JSON.parse(hookRequests()[1]?.body ?? '{}').type).toBe('alert.resolved');
    await sleep(2500);
    expect(alertEmails()).toHaveLength(2);
    expect(hookRequests()).toHaveLength(2);
    const open = await setup.api('GET', `/api/v1/projects/${setup.projectId}/alerts?state=open`);
    expect(open.body.alerts).toHaveLength(0);
  });

  it('sends nothing for an agent flapping faster than the rule’s minutes, and one message per quiet period', async () => {
    const before = alertEmails().length;
    for (let flap = 0; flap < 8; flap++) {
      await setup.server.sql(`update agents set online = not online, last_seen_at = now() where name = 'flappy'`);
      await sleep(300);
    }
    await sleep(2000);
    expect(alertEmails()).toHaveLength(before);

    // Offline long enough, back, and offline again within the hour: told once, and once resolved.
    await agentsOffline('flappy', 2);
    const opened = await waitUntil('the alert about flappy', () => alertEmails()[before], 20_000);
    expect(opened.subject).toContain('Agent "flappy" has been offline for 1 minute');
    expect(opened.text).toContain(`/p/${setup.projectId}/agents/`);
    await setup.server.sql(`update agents set online = true, last_seen_at = now() where name = 'flappy'`);
    await waitUntil('the resolved message', () => alertEmails()[before + 1], 20_000);
    await agentsOffline('flappy', 2);
    await waitUntil('the second alert to open', async () => {
      const open = await setup.api('GET', `/api/v1/projects/${setup.projectId}/alerts?state=open`);
      return open.body.alerts.length === 1;
    });
    await setup.server.sql(`update agents set online = true, last_seen_at = now() where name = 'flappy'`);
    await waitUntil('the second alert to resolve', async () => {
      const open = await setup.api('GET', `/api/v1/projects/${setup.projectId}/alerts?state=open`);
      return open.body.alerts.length === 0;
    });
    await sleep(2500);
    expect(alertEmails()).toHaveLength(before + 2);
    const all = await setup.api('GET', `/api/v1/projects/${setup.projectId}/alerts?state=resolved&limit=500`);
    const flappy = all.body.alerts.filter((alert: any) => alert.subjectName === 'flappy');
    // Newest first: the repeat says it was held back, so the page can say why no message came.
    expect(flappy.map((alert: any) => alert.notice)).toEqual(['held_back', 'sent']);
  });

  it('lets a person acknowledge an open alert', async () => {
    await agentsOffline('fleet-001', 2);
    const alert = await waitUntil('an open alert', async () => {
      const open = await setup.api('GET', `/api/v1/projects/${setup.projectId}/alerts?state=open`);
      return open.body.alerts[0];
    });
    const acknowledged = await setup.api('POST', `/api/v1/projects/${setup.projectId}/alerts/${alert.id}/acknowledge`);
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ id: alert.id, state: 'open' });
    expect(acknowledged.body.acknowledgedAt).not.toBeNull();
  });
});

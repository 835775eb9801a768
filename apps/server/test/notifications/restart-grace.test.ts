import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestAgent } from '../live-server.ts';
import { waitUntil } from '../wait-until.ts';
import { type NotificationSetup, startNotificationSetup } from './notification-setup.ts';

/**
 * A restart of the server cuts every agent off. Those back within the reconnect grace (three
 * heartbeats: 3 s here) raise no "agent offline" alert; one that stays away does, once the grace
 * is over; one that goes offline later is alerted on at once.
 */
describe('agent offline alerts across a restart of the server', () => {
  let setup: NotificationSetup;
  const openOffline = async () => {
    const open = await setup.api('GET', `/api/v1/projects/${setup.projectId}/alerts?state=open`);
    return (open.body.alerts as Array<{ subjectName: string; openedAt: string }>).filter((alert) =>
      alert.subjectName.startsWith('restart-'),
    );
  };
  const connected = async (name: string) => {
    const token = await setup.api('POST', `/api/v1/projects/${setup.projectId}/enrolment-tokens`, {
      preApproved: true,
    });
    const agent = await TestAgent.create();
    expect((await agent.enrol(setup.server, token.body.secret, name)).status).toBe(201);
    return { agent, socket: await openSession(agent) };
  };
  const openSession = async (agent: TestAgent) => {
    const socket = await agent.connect(setup.server);
    await socket.waitFor((m) => m.type === 'hello');
    return socket;
  };

  beforeAll(async () => {
    setup = await startNotificationSetup({ HEARTBEAT_SECONDS: '1' });
    const email = await setup.channel({ kind: 'email', name: 'on call', recipients: ['oncall@alerts.test'] });
    const rule = await setup.api('POST', `/api/v1/projects/${setup.projectId}/alert-rules`, {
      name: 'Offline at once',
      condition: 'agent_offline',
      forMinutes: 0,
      severity: 'critical',
      channelIds: [email.id],
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
  });
  afterAll(() => setup?.close());

  it('raises nothing for agents back within the grace, and alerts on one that stays away once it is over', async () => {
    const back = await connected('restart-back');
    const away = await connected('restart-away');
    await setup.server.restart();
    const startedAt = Date.now();
    back.socket.close();
    away.socket.close();
    // Back a second after the restart, within the grace (the agent's reconnect backoff).
    await sleep(1000);
    const again = await openSession(back.agent);

    const [alert] = await waitUntil('the alert about the agent that stayed away', async () => {
      const open = await openOffline();
      return open.length > 0 && open;
    });
    expect(alert?.subjectName).toBe('restart-away');
    expect(Date.parse(alert?.openedAt ?? '') - startedAt).toBeGreaterThanOrEqual(2500);
    await sleep(1500);
    expect((await openOffline()).map((open) => open.subjectName)).toEqual(['restart-away']);
    const mails = setup.inbox.messages.filter((mail) => mail.subject.includes('offline'));
    expect(mails.map((mail) => mail.subject).join('\n')).not.toContain('restart-back');

    // Gone after the start: no grace.
    again.close();
    const gone = await waitUntil('the alert about the agent gone since', async () =>
      (await openOffline()).find((open) => open.subjectName === 'restart-back'),
    );
    expect(gone).toBeTruthy();
  }, 60_000);
});

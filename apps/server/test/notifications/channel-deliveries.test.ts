import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../wait-until.ts';
import { type NotificationSetup, seedTransfer, startNotificationSetup } from './notification-setup.ts';

describe('notification channels and their deliveries', () => {
  let setup: NotificationSetup;

  beforeAll(async () => {
    setup = await startNotificationSetup();
  });
  afterAll(() => setup?.close());

  it('keeps a webhook URL secret, shows the signing secret once, and signs what it sends', async () => {
    const url = `${setup.receiver.url}/hooks/path-secret-1234`;
    const { id, signingSecret } = await setup.channel({
      kind: 'webhook',
      name: 'ops hook',
      url,
      eventTypes: ['job.*'],
    });
    expect(signingSecret).toMatch(/^whsec_/);
    const listed = await setup.api('GET', '/api/v1/notification-channels');
    expect(JSON.stringify(listed.body)).not.toContain('path-secret-1234');
    expect(JSON.stringify(listed.body)).not.toContain(signingSecret);
    expect(listed.body.channels).toContainEqual(
      expect.objectContaining({ id, kind: 'webhook', urlHost: setup.receiver.host, enabled: true }),
    );
    const audit = await setup.server.sql(`select action, details from audit_log where target_id = $1`, [id]);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('path-secret-1234');
    const stored = await setup.server.sql('select url_sealed, secret_sealed from notification_channels where id = $1', [
      id,
    ]);
    expect(JSON.stringify(stored)).not.toContain('path-secret-1234');
    expect(JSON.stringify(stored)).not.toContain(signingSecret);

    const before = setup.receiver.requests.length;
    const test = await setup.api('POST', `/api/v1/notification-channels/${id}/test`);
    expect(test.status, JSON.stringify(test.body)).toBe(200);
    expect(test.body.delivery).toMatchObject({ status: 'delivered', eventType: 'webhook.test', attempts: 1 });
    expect(test.body.delivery.attemptLog[0]).toMatchObject({ attempt: 1, statusCode: 200, responseExcerpt: 'ok' });
    const [request] = (await setup.receiver.waitForRequests(before + 1)).slice(before);
    expect(request?.path).toBe('/hooks/path-secret-1234');
    expect(request?.headers['webhook-id']).toBe(test.body.delivery.id);
    const verified = new Webhook(signingSecret as string).verify(request?.body ?? '', request?.headers as never);
    expect(verified).toMatchObject({ type: 'webhook.test' });
    expect(() => new Webhook(signingSecret as string).verify(`${request?.body} `, request?.headers as never)).toThrow();
  });

  it('sends events of the types asked for, and retries a 500 under the same id', async () => {
    const { id, signingSecret } = await setup.channel({
      kind: 'webhook',
      name: 'transfers only',
      url: `${setup.receiver.url}/transfers`,
      eventTypes: ['transfer.*'],
    });
    const transferId = await seedTransfer(setup);
    const seen = () => setup.receiver.requests.filter((request) => request.path === '/transfers');
    setup.receiver.respond({ status: 500, body: 'temporarily broken' });
    await setup.server.sql(`update transfers set state = 'failed', state_reason = 'disk full' where id = $1`, [
      transferId,
    ]);
    const [first, second] = await waitUntil('the event, then its retry', () => seen().length >= 2 && seen(), 20_000);
    expect(first?.headers['webhook-id']).toBe(second?.headers['webhook-id']);
    const event = new Webhook(signingSecret as string).verify(second?.body ?? '', second?.headers as never) as any;
    expect(event).toMatchObject({ type: 'transfer.failed', data: { id: transferId, reason: 'disk full' } });
    const log = await waitUntil('the delivery to be recorded delivered', async () => {
      const response = await setup.api('GET', `/api/v1/webhooks/${id}/deliveries`);
      const [delivery] = response.body.deliveries;
      return delivery?.status === 'delivered' && delivery;
    });
    expect(log.attemptLog.map((attempt: any) => attempt.statusCode)).toEqual([500, 200]);
    expect(log.attemptLog[0].responseExcerpt).toBe('temporarily broken');
    expect(seen()).toHaveLength(2);
  });

  it('posts a Block Kit message to Slack, an Adaptive Card to Teams, and an email to the recipients', async () => {
    const slack = await setup.channel({ kind: 'slack', name: 'slack #ops', url: `${setup.receiver.url}/slack` });
    const teams = await setup.channel({ kind: 'teams', name: 'teams ops', url: `${setup.receiver.url}/teams` });
    const email = await setup.channel({
      kind: 'email',
      name: 'on call',
      recipients: ['oncall@alerts.test', 'lead@alerts.test'],
    });
    for (const channel of [slack, teams, email]) {
      const test = await setup.api('POST', `/api/v1/notification-channels/${channel.id}/test`);
      expect(test.body.delivery?.status, JSON.stringify(test.body)).toBe('delivered');
    }
    const slackBody = JSON.parse(setup.receiver.requests.find((request) => request.path === '/slack')?.body ?? '{}');
    expect(slackBody.text).toContain('Test message for "slack #ops"');
    expect(slackBody.blocks.length).toBeGreaterThan(0);
    const teamsBody = JSON.parse(setup.receiver.requests.find((request) => request.path === '/teams')?.body ?? '{}');
    expect(teamsBody.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(teamsBody)).toContain('Test message for \\"teams ops\\"');
    const mail = await setup.inbox.waitFor((message) => message.subject.includes('Test message for "on call"'));
    expect(mail.envelopeTo.sort()).toEqual(['lead@alerts.test', 'oncall@alerts.test']);
    const headerSection = mail.raw.slice(0, mail.raw.indexOf('\r\n\r\n'));
    expect(headerSection).not.toMatch(/oncall@alerts\.test|lead@alerts\.test/);
    expect(mail.to).toBe('"undisclosed-recipients":;');
    expect(mail.text).toContain('https://tcpa.example.com/integrations');
    expect(mail.html).toContain('https://tcpa.example.com/integrations');
  });

  it('edits a channel: name, recipients, event types, and a URL replaced without ever being shown', async () => {
    const email = await setup.channel({ kind: 'email', name: 'pager', recipients: ['a@alerts.test'] });
    const renamed = await setup.api('PATCH', `/api/v1/notification-channels/${email.id}`, {
      name: 'pager duty',
      recipients: ['B@alerts.test', 'c@alerts.test', 'b@alerts.test'],
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'pager duty', recipients: ['b@alerts.test', 'c@alerts.test'] });

    const hook = await setup.channel({
      kind: 'webhook',
      name: 'hook',
      url: `${setup.receiver.url}/old-path`,
      eventTypes: ['*'],
    });
    const edited = await setup.api('PATCH', `/api/v1/notification-channels/${hook.id}`, {
      url: `${setup.receiver.url}/new-path`,
      eventTypes: ['job.*', 'agent.offline'],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ urlHost: setup.receiver.host, eventTypes: ['job.*', 'agent.offline'] });
    expect(JSON.stringify(edited.body)).not.toContain('path');
    const test = await setup.api('POST', `/api/v1/notification-channels/${hook.id}/test`);
    expect(test.body.delivery?.status, JSON.stringify(test.body)).toBe('delivered');
    const sent = setup.receiver.requests.filter((request) => request.path.endsWith('-path'));
    expect(sent.map((request) => request.path)).toEqual(['/new-path']);
    // The signing secret shown at creation still signs after the URL changed.
    const last = sent[0];
    expect(() => new Webhook(hook.signingSecret ?? '').verify(last?.body ?? '', last?.headers as never)).not.toThrow();

    const refusals: [string, Record<string, unknown>, RegExp][] = [
      [email.id, { url: `${setup.receiver.url}/x` }, /^url: an email channel has recipients/],
      [hook.id, { recipients: ['x@alerts.test'] }, /^recipients: only an email channel/],
      [email.id, { eventTypes: ['*'] }, /^eventTypes: only a webhook endpoint/],
      [hook.id, { url: 'https://10.1.2.3/hook' }, /^url: .*10\.1\.2\.3/],
      [email.id, { recipients: [] }, /recipients/],
      [hook.id, { url: 'http://plain.example.com/hook' }, /url/],
    ];
    for (const [id, body, message] of refusals) {
      const refused = await setup.api('PATCH', `/api/v1/notification-channels/${id}`, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.message, JSON.stringify(refused.body)).toMatch(message);
    }
    const unchanged = await setup.api('GET', '/api/v1/notification-channels');
    expect(unchanged.body.channels.find((row: any) => row.id === hook.id).eventTypes).toEqual([
      'job.*',
      'agent.offline',
    ]);
  });

  it('disables a channel failing for three days, cancels what it had pending and emails the admins', async () => {
    const { id } = await setup.channel({
      kind: 'webhook',
      name: 'dead end',
      url: `${setup.receiver.url}/dead`,
      eventTypes: ['agent.*'],
    });
    await setup.server.sql(
      `update notification_channels set failing_since = now() - interval '73 hours' where id = $1`,
      [id],
    );
    setup.receiver.respond({ status: 503, body: 'gone fishing' });
    const test = await setup.api('POST', `/api/v1/notification-channels/${id}/test`);
    expect(test.body.delivery.attemptLog[0].statusCode).toBe(503);
    const channel = await waitUntil('the channel to be disabled', async () => {
      const listed = await setup.api('GET', '/api/v1/notification-channels');
      return listed.body.channels.find((row: any) => row.id === id && !row.enabled);
    });
    expect(channel.disabledReason).toMatch(/every delivery failed since/);
    const log = await setup.api('GET', `/api/v1/notification-channels/${id}/deliveries`);
    expect(log.body.deliveries[0].status).toBe('canceled');
    const mail = await setup.inbox.waitFor((message) => message.subject.includes('"dead end" was disabled'));
    expect(mail.envelopeTo).toEqual(['ops@alerts.test']);
    const enabled = await setup.api('PATCH', `/api/v1/notification-channels/${id}`, { enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../wait-until.ts';
import { type NotificationSetup, seedTransfer, startNotificationSetup } from './notification-setup.ts';

/** Rules on things that happen once: a transfer failing, a job missing its run, an agent waiting for approval. */
describe('alerts opened and resolved by events', () => {
  let setup: NotificationSetup;
  let emailId: string;
  const openAlerts = async () =>
    (await setup.api('GET', `/api/v1/projects/${setup.projectId}/alerts?state=open`)).body.alerts as any[];

  beforeAll(async () => {
    setup = await startNotificationSetup();
    emailId = (await setup.channel({ kind: 'email', name: 'on call', recipients: ['oncall@alerts.test'] })).id;
    // In no rule: it gets every rule's alerts of the types it asked for.
    await setup.channel({
      kind: 'webhook',
      name: 'alert feed',
      url: `${setup.receiver.url}/feed`,
      eventTypes: ['alert.opened'],
    });
    for (const condition of ['transfer_failed', 'job_run_missed', 'agent_pending']) {
      const rule = await setup.api('POST', `/api/v1/projects/${setup.projectId}/alert-rules`, {
        name: condition.replaceAll('_', ' '),
        condition,
        severity: 'critical',
        channelIds: [emailId],
      });
      expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    }
  });
  afterAll(() => setup?.close());

  it('emails a failed transfer with a link to it, and its resolution when a retry succeeds', async () => {
    const transferId = await seedTransfer(setup, 'depot');
    await setup.server.sql(`update transfers set state = 'failed', state_reason = 'disk full' where id = $1`, [
      transferId,
    ]);
    const mail = await setup.inbox.waitFor((message) => message.subject.includes('failed'), 15_000);
    expect(mail.subject).toBe('[TCPA] [critical] Transfer from "depot-a" to "depot-b" failed: disk full');
    expect(mail.envelopeTo).toEqual(['oncall@alerts.test']);
    expect(mail.text).toContain(`https://tcpa.example.com/p/${setup.projectId}/transfers/${transferId}`);
    expect(mail.html).toContain(`https://tcpa.example.com/p/${setup.projectId}/transfers/${transferId}`);
    expect(await openAlerts()).toContainEqual(
      expect.objectContaining({ subjectType: 'transfer', subjectId: transferId, severity: 'critical' }),
    );
    await setup.server.sql(`update transfers set state = 'succeeded' where id = $1`, [transferId]);
    const resolved = await setup.inbox.waitFor((message) => message.subject.includes('[resolved] Transfer'), 15_000);
    expect(resolved.subject).toContain('[resolved]');
    expect(await openAlerts()).toEqual([]);
    const feed = setup.receiver.requests.filter((request) => request.path === '/feed').map((r) => JSON.parse(r.body));
    expect(feed).toHaveLength(1);
    expect(feed[0]).toMatchObject({ type: 'alert.opened', data: { rule: { condition: 'transfer_failed' } } });
    expect(feed[0].data.alerts[0]).toMatchObject({ subjectType: 'transfer', subjectId: transferId });
  });

  it('alerts on a job that missed its run, and on an agent waiting for approval', async () => {
    const transferId = await seedTransfer(setup, 'nightly');
    const [transfer] = await setup.server.sql<{ source_agent_id: string; destination_agent_id: string }>(
      'select source_agent_id, destination_agent_id from transfers where id = $1',
      [transferId],
    );
    const [job] = await setup.server.sql<{ id: string }>(
      `insert into jobs (company_id, project_id, name, source_agent_id, source_paths, destination_agent_id,
         destination_dir, overwrite, priority, max_attempts)
       values ($1, $2, 'Nightly backup', $3, '{data}', $4, 'in', 'overwrite', 5, 1) returning id`,
      [setup.companyId, setup.projectId, transfer?.source_agent_id, transfer?.destination_agent_id],
    );
    await setup.server.sql(
      `insert into job_runs (job_id, company_id, project_id, job_name, trigger, fire_time, status, reason)
       values ($1, $2, $3, 'Nightly backup', 'schedule', '2026-12-07T02:00:00Z', 'missed', 'no server was running')`,
      [job?.id, setup.companyId, setup.projectId],
    );
    const missed = await setup.inbox.waitFor((message) => message.subject.includes('Nightly backup'), 15_000);
    expect(missed.subject).toContain('Job "Nightly backup" missed its run');
    expect(missed.text).toContain(`/p/${setup.projectId}/jobs/${job?.id}`);

    await setup.server.sql(
      `insert into agents (company_id, project_id, name, status, public_key) values ($1, $2, 'new-laptop', 'pending', '{}')`,
      [setup.companyId, setup.projectId],
    );
    const pending = await setup.inbox.waitFor((message) => message.subject.includes('new-laptop'), 15_000);
    expect(pending.subject).toContain('Agent "new-laptop" is waiting for approval');
    await waitUntil('both alerts open', async () => (await openAlerts()).length === 2);
  });

  it('names the store for a side that is a storage location', async () => {
    const transferId = await seedTransfer(setup, 'uploader');
    const [location] = await setup.server.sql<{ id: string }>(
      `insert into storage_locations (company_id, project_id, name, kind, settings, credentials_shown)
       values ($1, $2, 'archive', 's3', '{"bucket": "archive", "region": "eu-west-1", "prefix": ""}',
         '{"mode": "agent"}') returning id`,
      [setup.companyId, setup.projectId],
    );
    await setup.server.sql(
      `update transfers set destination_agent_id = null, destination_dir = null, destination_location_id = $2,
         destination_prefix = 'in', store_label = 's3://archive/in/' where id = $1`,
      [transferId, location?.id],
    );
    await setup.server.sql(`update transfers set state = 'failed', state_reason = 'access denied' where id = $1`, [
      transferId,
    ]);
    const mail = await setup.inbox.waitFor((message) => message.subject.includes('access denied'), 15_000);
    expect(mail.subject).toBe(
      '[TCPA] [critical] Transfer from "uploader-a" to "s3://archive/in/" failed: access denied',
    );
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample, TestAgent } from '../live-server.ts';
import { waitUntil } from '../wait-until.ts';
import { type NotificationSetup, seedTransfer, startNotificationSetup } from './notification-setup.ts';

/**
 * disk_space_low and transfer_slow against a real server (conditions checked every 0.5 s): disk
 * figures sent by an agent over the realtime protocol, transfer rates set in SQL as progress
 * reports and the tuner set them, "slow since" backdated in SQL instead of waiting minutes.
 */
describe('alert rules over measurements: disk space low, transfer slow', () => {
  let setup: NotificationSetup;
  let emailId: string;
  const mails = (text: string) => setup.inbox.messages.filter((mail) => mail.subject.includes(text));
  const openAlerts = async (condition: string) => {
    const open = await setup.api('GET', `/api/v1/projects/${setup.projectId}/alerts?state=open&limit=500`);
    return (open.body.alerts as any[]).filter((alert) => alert.condition === condition);
  };
  const addRule = async (body: Record<string, unknown>) => {
    const rule = await setup.api('POST', `/api/v1/projects/${setup.projectId}/alert-rules`, {
      severity: 'warning',
      channelIds: [emailId],
      ...body,
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    return rule.body;
  };
  const connectAgent = async (name: string) => {
    const token = await setup.api('POST', `/api/v1/projects/${setup.projectId}/enrolment-tokens`, {
      preApproved: true,
    });
    const agent = await TestAgent.create();
    expect((await agent.enrol(setup.server, token.body.secret, name)).status).toBe(201);
    const socket = await agent.connect(setup.server);
    await socket.waitFor((m) => m.type === 'hello');
    let seq = 0;
    /** Sends one sample of now and waits until the server stored it. */
    const report = async (disk: { diskFreeBytes: number; diskTotalBytes?: number }) => {
      seq++;
      socket.send({ type: 'telemetry', samples: [sample(seq, Date.now(), disk)] });
      await socket.waitFor((m) => m.type === 'ack' && m.upToSeq === seq);
    };
    return { agent, socket, report };
  };

  beforeAll(async () => {
    setup = await startNotificationSetup();
    emailId = (await setup.channel({ kind: 'email', name: 'on call', recipients: ['oncall@alerts.test'] })).id;
  });
  afterAll(() => setup?.close());

  it('emails once when an agent’s root runs low on space, keeps the alert open just above the threshold, and resolves it once space is back', async () => {
    const rule = await addRule({ name: 'Disk space', condition: 'disk_space_low' });
    expect(rule.threshold).toBe(10);
    const web = await connectAgent('web-1');

    await web.report({ diskFreeBytes: 3_100_000_000, diskTotalBytes: 74_000_000_000 });
    const opened = await waitUntil('the disk space email', () => mails('free space left')[0], 20_000);
    expect(opened.envelopeTo).toEqual(['oncall@alerts.test']);
    expect(opened.subject).toContain('Agent "web-1" has 4.2% free space left in its root (3.1 GB of 74 GB)');
    expect(opened.text).toContain(`/p/${setup.projectId}/agents/`);
    const [alert] = await openAlerts('disk_space_low');
    expect(alert).toMatchObject({ subjectType: 'agent', subjectId: web.agent.agentId, subjectName: 'web-1' });

    // 10.5 % free: above the threshold, under it plus the margin: still open, nothing sent.
    await web.report({ diskFreeBytes: 7_770_000_000, diskTotalBytes: 74_000_000_000 });
    await sleep(2000);
    expect(await openAlerts('disk_space_low')).toHaveLength(1);
    expect(mails('free space left')).toHaveLength(1);

    await web.report({ diskFreeBytes: 20_000_000_000, diskTotalBytes: 74_000_000_000 });
    const resolved = await waitUntil('the resolved email', () => mails('free space left')[1], 20_000);
    expect(resolved.subject).toContain('[resolved]');
    expect(resolved.subject).toContain('Agent "web-1" has 4.2% free space left');
    expect(await openAlerts('disk_space_low')).toHaveLength(0);
    web.socket.close();
  });

  it('resolves a disk space alert when its agent is removed', async () => {
    const db = await connectAgent('db-1');
    await db.report({ diskFreeBytes: 1_000_000_000, diskTotalBytes: 500_000_000_000 });
    const alert = await waitUntil('the disk alert of db-1', async () =>
      (await openAlerts('disk_space_low')).find((each) => each.subjectName === 'db-1'),
    );
    expect(alert.title).toBe('Agent "db-1" has 0.2% free space left in its root (1 GB of 500 GB)');
    db.socket.close();
    await setup.server.sql(`update agents set deleted_at = now() where id = $1`, [db.agent.agentId]);
    await waitUntil('the alert to resolve', async () =>
      (await openAlerts('disk_space_low')).every((each) => each.subjectName !== 'db-1'),
    );
  });

  it('stores a sample from an agent that does not report its disk size, and raises no disk alert from it', async () => {
    const legacy = await connectAgent('legacy-1');
    await legacy.report({ diskFreeBytes: 1000 });
    const [stored] = await setup.server.sql<{ free: number; total: number | null }>(
      'select disk_free_bytes::float8 as free, disk_total_bytes::float8 as total from telemetry where agent_id = $1',
      [legacy.agent.agentId],
    );
    expect(stored).toEqual({ free: 1000, total: null });
    await sleep(1500);
    expect((await openAlerts('disk_space_low')).filter((alert) => alert.subjectName === 'legacy-1')).toEqual([]);
    legacy.socket.close();
  });

  it('alerts on a transfer slower than its path’s usual rate for the rule’s minutes, resolves when the rate is back, and never alerts without a usual rate', async () => {
    const rule = await addRule({ name: 'Slow transfers', condition: 'transfer_slow', forMinutes: 10 });
    expect(rule).toMatchObject({ threshold: 50, forMinutes: 10 });
    const transferId = await seedTransfer(setup, 'warehouse');
    const unknownPathId = await seedTransfer(setup, 'fresh');
    const slowSince = (id: string) =>
      setup.server.sql<{ since: string }>('select since from alert_condition_since where subject_id = $1', [id]);
    // The tuner's usual rate for warehouse-a → warehouse-b; none yet for fresh-a → fresh-b.
    await setup.server.sql(
      `insert into transfer_paths (source_agent_id, destination_agent_id, company_id, project_id, streams, chunk_size,
         rate_bps)
       select source_agent_id, destination_agent_id, company_id, project_id, 4, 1048576, 66000000
       from transfers where id = $1`,
      [transferId],
    );
    const setRate = (id: string, bitsPerSecond: number) =>
      setup.server.sql(`update transfers set state = 'running', started_at = now(), rate_bps = $2 where id = $1`, [
        id,
        bitsPerSecond,
      ]);
    await setRate(transferId, 12_000_000);
    await setRate(unknownPathId, 1_000);

    // Slow, but not for ten minutes yet: remembered, not alerted; a recovery in between forgets it.
    await waitUntil('slow since to be kept', async () => (await slowSince(transferId)).length === 1);
    await sleep(1500);
    expect(await openAlerts('transfer_slow')).toEqual([]);
    await setRate(transferId, 40_000_000);
    await waitUntil('slow since to be forgotten', async () => (await slowSince(transferId)).length === 0);
    await setRate(transferId, 12_000_000);
    await waitUntil('slow since to be kept again', async () => (await slowSince(transferId)).length === 1);

    await setup.server.sql(
      `update alert_condition_since set since = now() - interval '10 minutes 5 seconds' where subject_id = $1`,
      [transferId],
    );
    const opened = await waitUntil('the slow transfer email', () => mails('usual')[0], 20_000);
    expect(opened.envelopeTo).toEqual(['oncall@alerts.test']);
    expect(opened.subject).toContain(
      `Transfer from "warehouse-a" to "warehouse-b" at 12 Mbit/s, 18% of this path's usual 66 Mbit/s, for 10 minutes`,
    );
    const [alert] = await openAlerts('transfer_slow');
    expect(alert).toMatchObject({
      subjectType: 'transfer',
      subjectId: transferId,
      subjectName: 'warehouse-a → warehouse-b',
    });

    await setRate(transferId, 40_000_000);
    const resolved = await waitUntil('the resolved email', () => mails('usual')[1], 20_000);
    expect(resolved.subject).toContain('[resolved]');
    expect(await openAlerts('transfer_slow')).toEqual([]);

    // The transfer without a usual rate was slow all along: nothing kept, nothing opened, nothing sent.
    expect(await slowSince(unknownPathId)).toEqual([]);
    expect(mails('fresh-a')).toEqual([]);
  });

  it('resolves a slow transfer’s alert when the transfer ends', async () => {
    const transferId = await seedTransfer(setup, 'archive');
    await setup.server.sql(
      `insert into transfer_paths (source_agent_id, destination_agent_id, company_id, project_id, streams, chunk_size,
         rate_bps)
       select source_agent_id, destination_agent_id, company_id, project_id, 4, 1048576, 100000000
       from transfers where id = $1`,
      [transferId],
    );
    await setup.server.sql(
      `update transfers set state = 'running', started_at = now(), rate_bps = 5000000 where id = $1`,
      [transferId],
    );
    await waitUntil('slow since to be kept', async () => {
      const rows = await setup.server.sql('select 1 from alert_condition_since where subject_id = $1', [transferId]);
      return rows.length === 1;
    });
    await setup.server.sql(
      `update alert_condition_since set since = now() - interval '11 minutes' where subject_id = $1`,
      [transferId],
    );
    const opened = await waitUntil('the slow transfer email', () => mails('"archive-a"')[0], 20_000);
    expect(opened.subject).toContain("at 5 Mbit/s, 5% of this path's usual 100 Mbit/s, for 11 minutes");
    await setup.server.sql(`update transfers set state = 'failed', finished_at = now() where id = $1`, [transferId]);
    const resolved = await waitUntil('the resolved email', () => mails('"archive-a"')[1], 20_000);
    expect(resolved.subject).toContain('[resolved]');
  });
});

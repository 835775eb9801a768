import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentProcesses } from '../../server/test/agent-processes.ts';
import { signUpWithProject } from '../../server/test/live-server.ts';
import { waitUntil } from '../../server/test/wait-until.ts';
import { useDashboardWithReceivers } from './dashboard-with-receivers.ts';
import { CHROMIUM, SCREENSHOT_DIR } from './e2e-support.ts';

/**
 * The whole path as a person meets it: a webhook and an email channel and an "agent offline" rule
 * made in the dashboard, a real agent process killed, the alert on the Alerts page, in the mailbox
 * and at the webhook receiver; the agent back, and the resolution told.
 */
describe.skipIf(!existsSync(CHROMIUM))('an agent going offline, end to end in Chromium', () => {
  const agents = new AgentProcesses('tcpa-alert-e2e-');
  const dashboard = useDashboardWithReceivers();
  afterAll(async () => {
    await agents.removeAll();
  });

  it('configures a webhook and an email rule, stops an agent, and sees the alert on the page and in both receivers', async () => {
    const { server } = dashboard;
    const hooks = dashboard.receiver;
    const mailbox = dashboard.inbox;
    const tenant = await signUpWithProject(server, 'offline');
    const enrolled = await agents.enrol(server, {
      token: tenant.token,
      projectId: tenant.projectId,
      name: 'edge-berlin',
      root: await agents.tempDir(),
    });
    agents.start(enrolled.dir);
    const online = async (want: boolean) => {
      const list = await server.request('GET', `/api/v1/projects/${tenant.projectId}/agents`, { token: tenant.token });
      return list.body.agents?.some((agent: { online: boolean }) => agent.online === want);
    };
    await waitUntil('the agent online', () => online(true), 30_000, 250);

    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill('ops@offline.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const nav = page.getByRole('navigation', { name: 'Main' });

    await nav.getByRole('link', { name: 'Integrations' }).click();
    const form = page.getByRole('form', { name: 'Add channel' });
    await form.getByLabel('Kind').selectOption({ label: 'Webhook' });
    await form.getByLabel('Channel name').fill('Pager hook');
    await form.getByLabel('Endpoint URL').fill(`${hooks.url}/pager`);
    await form.getByRole('button', { name: 'Add Webhook channel' }).click();
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await form.getByLabel('Kind').selectOption({ label: 'Email' });
    await form.getByLabel('Channel name').fill('Night shift');
    await form.getByLabel(/^Recipients/).fill('night@offline.test');
    await form.getByRole('button', { name: 'Add Email channel' }).click();
    await page.getByRole('region', { name: 'Night shift' }).waitFor();

    await nav.getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('button', { name: 'New rule' }).click();
    const ruleForm = page.getByRole('form', { name: 'New alert rule' });
    await ruleForm.getByLabel('Rule name').fill('Edge down');
    await ruleForm.getByLabel('Condition').selectOption({ label: 'An agent is offline' });
    await ruleForm.getByLabel(/^Offline for/).fill('0');
    await ruleForm.getByLabel('Severity').selectOption('critical');
    await ruleForm.getByLabel('Pager hook').check();
    await ruleForm.getByLabel('Night shift').check();
    await ruleForm.getByRole('button', { name: 'Create rule' }).click();
    await page
      .getByRole('table', { name: 'Alert rules' })
      .getByRole('row', { name: /Edge down/ })
      .waitFor();

    await agents.killAll();
    // The page refetches its alerts on its own: no reload.
    await page.getByText('Agent "edge-berlin" is offline').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'alert-agent-offline.png'), fullPage: true });
    const mail = await mailbox.waitFor((message) => message.subject.includes('edge-berlin'), 30_000);
    expect(mail.subject).toBe('[TCPA] [critical] Agent "edge-berlin" is offline');
    expect(mail.envelopeTo).toEqual(['night@offline.test']);
    expect(mail.text).toContain(`/p/${tenant.projectId}/agents/${enrolled.agentId}`);
    const bodies = () => hooks.requests.filter((request) => request.path === '/pager').map((r) => JSON.parse(r.body));
    const alert = await waitUntil('the alert at the webhook', () =>
      bodies().find((body) => body.type === 'alert.opened'),
    );
    expect(alert.data.alerts[0]).toMatchObject({ subjectType: 'agent', subjectName: 'edge-berlin' });
    expect(bodies().some((body) => body.type === 'agent.offline' && body.data.name === 'edge-berlin')).toBe(true);

    agents.start(enrolled.dir);
    const resolved = await mailbox.waitFor(
      (message) => message.subject.includes('[resolved] Agent "edge-berlin"'),
      30_000,
    );
    expect(resolved.subject).toContain('[resolved]');
    await waitUntil(
      'the resolution at the webhook',
      () => bodies().find((body) => body.type === 'alert.resolved'),
      30_000,
    );
    expect(pageErrors).toEqual([]);
  }, 180_000);
});

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signUpWithProject } from '../../server/test/live-server.ts';
import { createProject, invite, PASSWORD as PEOPLE_PASSWORD, setPlan, signUp } from '../../server/test/people.ts';
import { axeViolations } from './axe-violations.ts';
import { useDashboardWithReceivers } from './dashboard-with-receivers.ts';
import { CHROMIUM, clickAndConfirm, SCREENSHOT_DIR, signInThroughPage } from './e2e-support.ts';

const PASSWORD = 'correct horse battery';

/**
 * Channels on the Integrations page delivering for real (a local HTTP receiver as the webhook
 * endpoint, a local SMTP server as the mailbox), an alert rule made on the Alerts page, and an
 * alert of that rule shown and acknowledged; a Free plan told which plan Slack needs.
 */
describe.skipIf(!existsSync(CHROMIUM))('integrations and alerts in Chromium', () => {
  const dashboard = useDashboardWithReceivers({ status: 200, body: 'thanks from the receiver' });

  const signIn = (page: Page, email: string, password = PASSWORD) =>
    signInThroughPage(page, dashboard.server.url, email, password);

  it('adds a webhook and an email channel, tests them, makes an agent-offline rule, and acknowledges its alert', async () => {
    const { server } = dashboard;
    const hooks = dashboard.receiver;
    const mailbox = dashboard.inbox;
    const tenant = await signUpWithProject(server, 'alertsdash');
    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await signIn(page, 'ops@alertsdash.test');
    const nav = page.getByRole('navigation', { name: 'Main' });

    await nav.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
    await page.getByText('No channels yet').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A private address is refused, with the reason beside the URL field.
    const form = page.getByRole('form', { name: 'Add channel' });
    await form.getByLabel('Kind').selectOption({ label: 'Webhook' });
    await form.getByLabel('Channel name').fill('Ops hooks');
    await form.getByLabel('Endpoint URL').fill('https://10.1.2.3/hooks');
    await form.getByRole('button', { name: 'Add Webhook channel' }).click();
    const urlLabel = form.locator('label', { hasText: 'Endpoint URL' });
    await urlLabel.getByRole('alert').waitFor();
    expect(await urlLabel.getByRole('alert').textContent()).toMatch(/10\.1\.2\.3.*private/);

    // The receiver, allow-listed for this server: created, with its signing secret shown once.
    await form.getByLabel('Endpoint URL').fill(`${hooks.url}/hooks/ops`);
    await form.getByRole('button', { name: 'Add Webhook channel' }).click();
    const secretBox = page.getByRole('region', { name: 'Signing secret' });
    await secretBox.waitFor();
    expect(await secretBox.textContent()).toContain('you will not see this again');
    const secret = await secretBox.locator('pre').textContent();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    await secretBox.getByRole('button', { name: 'Copy secret' }).waitFor();
    expect(await urlLabel.getByRole('alert').count()).toBe(0);

    const webhook = page.getByRole('region', { name: 'Ops hooks' });
    await webhook.waitFor();
    expect(await webhook.textContent()).toContain(hooks.host);
    expect(await webhook.textContent()).not.toContain('/hooks/ops');
    expect(await webhook.textContent()).toContain('Every event');
    expect(await webhook.textContent()).toContain('Enabled');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'integrations-secret.png'), fullPage: true });
    await secretBox.getByRole('button', { name: 'I have copied it' }).click();
    await secretBox.waitFor({ state: 'detached' });

    // Send test: the answer comes once the receiver answered, shown inline.
    await webhook.getByRole('button', { name: 'Send test' }).click();
    const testResult = webhook.getByRole('status');
    await testResult.filter({ hasText: 'delivered' }).waitFor({ timeout: 20_000 });
    expect(await testResult.textContent()).toMatch(/delivered HTTP 200/);
    const [request] = await hooks.waitForRequests(1);
    expect(request?.path).toBe('/hooks/ops');
    expect(request?.headers['webhook-signature']).toMatch(/^v1,/);

    // The delivery log: the test, delivered, with its attempt's status code and the response excerpt.
    await webhook.getByRole('button', { name: 'Delivery log' }).click();
    const log = webhook.getByRole('table', { name: 'Deliveries of Ops hooks' });
    const testRow = log.getByRole('row').filter({ hasText: 'webhook.test' });
    await testRow.waitFor();
    expect(await testRow.textContent()).toContain('delivered');
    await testRow.getByText('1 attempt').click();
    await testRow.getByText('thanks from the receiver').waitFor();
    expect(await testRow.locator('li').textContent()).toContain('HTTP 200');

    // Disabled by the server after days of failures: the reason and since when, and the switch turns it back on.
    // The worker notes a channel's health at most once a second: let the test's success land first,
    // or it would clear the failure streak written here.
    await sleep(1500);
    await server.sql(
      `update notification_channels set enabled = false, failing_since = now() - interval '3 days',
         disabled_reason = 'Disabled after failing for 3 days (last: HTTP 500)' where name = 'Ops hooks'`,
    );
    await page.reload();
    await webhook.getByText('Disabled after failing for 3 days (last: HTTP 500)').waitFor();
    expect(await webhook.textContent()).toContain('Failing since');
    const webhookSwitch = webhook.getByRole('switch', { name: 'Ops hooks enabled' });
    expect(await webhookSwitch.isChecked()).toBe(false);
    await webhookSwitch.click();
    await webhook.getByText('Enabled', { exact: true }).waitFor();
    expect(await webhookSwitch.isChecked()).toBe(true);
    expect(await webhook.textContent()).not.toContain('Failing since');

    // An email channel to the local mailbox, tested too.
    await form.getByLabel('Kind').selectOption({ label: 'Email' });
    await form.getByLabel('Channel name').fill('On call');
    // An address the server's schema refuses: its words beside the field.
    await form.getByLabel(/^Recipients/).fill('oncall@alertsdash.test, lead-at-alertsdash');
    await form.getByRole('button', { name: 'Add Email channel' }).click();
    const recipientsLabel = form.locator('label', { hasText: 'Recipients' });
    await recipientsLabel.getByRole('alert').waitFor();
    expect(await recipientsLabel.getByRole('alert').textContent()).toBe('must be an email address');
    await form.getByLabel(/^Recipients/).fill('oncall@alertsdash.test, lead@alertsdash.test');
    await form.getByRole('button', { name: 'Add Email channel' }).click();
    const email = page.getByRole('region', { name: 'On call' });
    await email.waitFor();
    expect(await email.textContent()).toContain('oncall@alertsdash.test, lead@alertsdash.test');
    expect(await page.getByRole('region', { name: 'Signing secret' }).count()).toBe(0);
    await email.getByRole('button', { name: 'Send test' }).click();
    await email.getByRole('status').filter({ hasText: 'delivered' }).waitFor({ timeout: 20_000 });
    const testMail = await mailbox.waitFor((mail) => mail.subject.includes('Test message'), 10_000);
    expect(testMail.envelopeTo.sort()).toEqual(['lead@alertsdash.test', 'oncall@alertsdash.test']);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'integrations.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // The project's Alerts page: empty, saying what to do first.
    await nav.getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
    const empty = page.getByText('No alert rules yet');
    await empty.waitFor();
    await page.getByRole('link', { name: 'Integrations' }).last().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A rule: agent offline for 10 minutes, critical, to both channels.
    await page.getByRole('button', { name: 'New rule' }).click();
    const ruleForm = page.getByRole('form', { name: 'New alert rule' });
    await ruleForm.getByLabel('Rule name').fill('Edge offline');
    expect(await ruleForm.getByLabel(/^Offline for/).count()).toBe(0);
    await ruleForm.getByLabel('Condition').selectOption({ label: 'An agent is offline' });
    expect(await ruleForm.getByLabel(/^Offline for/).inputValue()).toBe('5');
    await ruleForm.getByLabel(/^Offline for/).fill('10');
    await ruleForm.getByLabel('Severity').selectOption('critical');
    await ruleForm.getByLabel('Ops hooks').check();
    await ruleForm.getByLabel('On call').check();
    expect(await axeViolations(page)).toEqual([]);
    await ruleForm.getByRole('button', { name: 'Create rule' }).click();
    await ruleForm.waitFor({ state: 'detached' });
    const ruleRow = page.getByRole('table', { name: 'Alert rules' }).getByRole('row', { name: /Edge offline/ });
    await ruleRow.waitFor();
    expect(await ruleRow.textContent()).toContain('An agent is offline for 10 minutes');
    expect(await ruleRow.textContent()).toContain('On call, Ops hooks');
    expect(await ruleRow.getByRole('switch', { name: 'Edge offline enabled' }).isChecked()).toBe(true);
    const [rule] = await server.sql<{ id: string; for_minutes: number; severity: string }>(
      'select id, for_minutes, severity from alert_rules where project_id = $1',
      [tenant.projectId],
    );
    expect(rule).toMatchObject({ for_minutes: 10, severity: 'critical' });

    // Edit: the quiet period changes, the condition stays.
    await ruleRow.getByRole('button', { name: 'Edit Edge offline' }).click();
    const editForm = page.getByRole('form', { name: 'Edit rule Edge offline' });
    expect(await editForm.getByLabel('Condition').count()).toBe(0);
    await editForm.getByLabel(/^Quiet period/).fill('30');
    await editForm.getByRole('button', { name: 'Save rule' }).click();
    await editForm.waitFor({ state: 'detached' });
    await ruleRow.getByText('30 min').waitFor();

    // An alert of this rule, as the server's sweep writes one: shown within the 10 s refetch.
    const agentId = randomUUID();
    await server.sql(
      `insert into alerts (company_id, project_id, rule_id, rule_name, condition, severity, subject_type, subject_id,
         subject_name, title)
       values ($1, $2, $3, 'Edge offline', 'agent_offline', 'critical', 'agent', $4, 'edge-01',
         'Agent "edge-01" has been offline for 10 minutes')`,
      [tenant.companyId, tenant.projectId, rule?.id, agentId],
    );
    const openAlerts = page.getByRole('table', { name: 'Open alerts' });
    const alertRow = openAlerts.getByRole('row', { name: /edge-01/ });
    await alertRow.waitFor({ timeout: 15_000 });
    expect(await alertRow.textContent()).toContain('critical');
    expect(await alertRow.textContent()).toContain('Agent "edge-01" has been offline for 10 minutes');
    expect(await alertRow.getByRole('link', { name: 'Agent edge-01' }).getAttribute('href')).toBe(
      `/p/${tenant.projectId}/agents/${agentId}`,
    );
    expect(await page.getByText('No alert rules yet').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // A resolved one is listed below the open ones, without an Acknowledge button.
    await server.sql(
      `insert into alerts (company_id, project_id, rule_id, rule_name, condition, severity, subject_type, subject_id,
         subject_name, title, state, opened_at, resolved_at, open_notice)
       values ($1, $2, $3, 'Edge offline', 'agent_offline', 'critical', 'agent', $4, 'edge-02',
         'Agent "edge-02" has been offline for 10 minutes', 'resolved', now() - interval '2 hours',
         now() - interval '1 hour', 'sent')`,
      [tenant.companyId, tenant.projectId, rule?.id, randomUUID()],
    );
    const resolvedRow = page
      .getByRole('table', { name: 'Recently resolved alerts' })
      .getByRole('row', { name: /edge-02/ });
    await resolvedRow.waitFor({ timeout: 15_000 });
    expect(await resolvedRow.textContent()).toContain('resolved');
    expect(await resolvedRow.getByRole('button').count()).toBe(0);
    expect(await openAlerts.getByRole('row', { name: /edge-02/ }).count()).toBe(0);

    // The rule's channels were sent the alert.
    await mailbox.waitFor((mail) => mail.subject.includes('edge-01'), 15_000);

    await alertRow.getByRole('button', { name: /^Acknowledge/ }).click();
    await alertRow.getByText('You').waitFor();
    expect(await alertRow.getByRole('button', { name: /^Acknowledge/ }).count()).toBe(0);
    const [acknowledged] = await server.sql<{ acknowledged_at: Date | null }>(
      'select acknowledged_at from alerts where subject_id = $1',
      [agentId],
    );
    expect(acknowledged?.acknowledged_at).not.toBeNull();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'alerts.png'), fullPage: true });

    // Deleting a channel (confirmed) leaves the rule its other one.
    await nav.getByRole('link', { name: 'Integrations' }).click();
    const onCall = page.getByRole('region', { name: 'On call' });
    expect(await clickAndConfirm(page, onCall.getByRole('button', { name: 'Delete' }))).toMatch(/^Delete On call\?/);
    await onCall.waitFor({ state: 'detached' });
    await nav.getByRole('link', { name: 'Alerts' }).click();
    const remaining = page.getByRole('table', { name: 'Alert rules' }).getByRole('row', { name: /Edge offline/ });
    await remaining.waitFor();
    expect(await remaining.getByRole('cell').nth(2).textContent()).toBe('Ops hooks');

    // Deleting the rule (confirmed) resolves its open alert.
    expect(await clickAndConfirm(page, remaining.getByRole('button', { name: 'Delete' }))).toMatch(
      /^Delete the rule Edge offline\?/,
    );
    await remaining.waitFor({ state: 'detached' });
    await page.getByText('No open alerts.').waitFor({ timeout: 15_000 });
    await page
      .getByRole('table', { name: 'Recently resolved alerts' })
      .getByRole('row', { name: /edge-01/ })
      .waitFor();
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('tells a Free plan which plan Slack needs, with a link to the Plan page', async () => {
    const { server } = dashboard;
    const signup = await server.request('POST', '/api/v1/auth/signup', {
      body: { email: 'ops@freealerts.test', password: PASSWORD, companyName: 'Free Alerts Co' },
    });
    expect(signup.status).toBe(201);
    const context = await dashboard.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, 'ops@freealerts.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
    const form = page.getByRole('form', { name: 'Add channel' });
    await form.getByLabel('Kind').selectOption({ label: 'Slack' });
    await form.getByLabel('Channel name').fill('Ops Slack');
    await form.getByLabel('Incoming webhook URL').fill('https://hooks.slack.com/services/T000/B000/XXXX');
    await form.getByRole('button', { name: 'Add Slack channel' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/The Free plan does not include Slack alerts: upgrade to Professional/);
    await refusal.getByRole('link', { name: 'See Plan & usage' }).click();
    await page.getByRole('heading', { name: 'Plan & usage', level: 1 }).waitFor();
    // The plan that lifts it, with its price and its features in words.
    const professional = page.locator('.plan').filter({ has: page.getByRole('heading', { name: 'Professional' }) });
    expect(await professional.textContent()).toContain('$199 a month');
    expect(await professional.textContent()).toContain('Slack and Microsoft Teams alerts');
    expect(await professional.textContent()).not.toContain('chat_alerts');
    const enterprise = page.locator('.plan').filter({ has: page.getByRole('heading', { name: 'Enterprise' }) });
    expect(await enterprise.textContent()).toContain('Contact us');
    await page.goBack();
    await page.getByText('No channels yet').waitFor();

    // A limit met on another page (the Free plan's one project) links to the Plan page too.
    const projectsLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' });
    for (const name of ['First', 'Second']) {
      await projectsLink.click();
      await page.getByLabel('New project name').fill(name);
      await page.getByRole('button', { name: 'Create project' }).click();
      // The first is made and opened (its Fleet page); the second is refused where it was asked for.
      if (name === 'First') await page.getByText('No agents in this project yet').waitFor();
    }
    const limit = page.getByRole('alert');
    await limit.getByRole('link', { name: 'See Plan & usage' }).waitFor();
    expect(await limit.textContent()).toMatch(/Your Free plan allows at most 1 project\. Upgrade to Starter/);

    // Back on Free after a month of Starter with three projects: nothing is deleted, and the Plan page (live) says
    // what to remove.
    const companyId: string = signup.body.company.id;
    await setPlan(server, companyId, 'starter');
    for (const name of ['Second', 'Third']) {
      const made = await server.request('POST', '/api/v1/projects', { token: signup.body.accessToken, body: { name } });
      expect(made.status).toBe(201);
    }
    await page.goto(`${server.url}/plan`);
    await page.getByText('Projects: 3 of 3').waitFor();
    // The operator moves the company back to Free: the open page follows, no reload.
    await setPlan(server, companyId, 'free');
    const over = page.getByRole('status').filter({ hasText: 'You have 3 projects' });
    await over.waitFor();
    expect(await over.textContent()).toBe(
      'You have 3 projects; the Free plan allows 1. They all keep working, but no new project can be added until you remove 2 projects (or upgrade).',
    );
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows Integrations to those who look after them only: an admin manages channels, a member sees none', async () => {
    const { server } = dashboard;
    const owner = await signUp(server, 'owner@teamalerts.test', 'Team Alerts Co');
    await setPlan(server, owner.companyId, 'professional');
    await createProject(server, owner, 'Team');
    const created = await server.request('POST', '/api/v1/notification-channels', {
      token: owner.token,
      body: { kind: 'email', name: 'Team inbox', recipients: ['team@teamalerts.test'] },
    });
    expect(created.status).toBe(201);
    const admin = await invite(server, owner, 'admin@teamalerts.test', 'admin');
    const member = await invite(server, owner, 'member@teamalerts.test', 'member');

    for (const [person, manages] of [
      [admin, true],
      [member, false],
    ] as const) {
      const context = await dashboard.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await signIn(page, person.email, PEOPLE_PASSWORD);
      const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' });
      expect(await link.count()).toBe(manages ? 1 : 0);
      await page.goto(`${server.url}/integrations`);
      await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('form', { name: 'Add channel' }).count()).toBe(manages ? 1 : 0);
      // The list is the server's: a member is shown no channel at all.
      const inbox = page.getByRole('region', { name: 'Team inbox' });
      if (manages) {
        await inbox.getByRole('button', { name: 'Send test' }).waitFor();
        await inbox.getByRole('button', { name: 'Delivery log' }).waitFor();
      } else {
        await page.getByText('An owner or admin can add email, Slack, Teams or webhook channels here.').waitFor();
        expect(await inbox.count()).toBe(0);
      }
      await context.close();
    }
  }, 60_000);
});

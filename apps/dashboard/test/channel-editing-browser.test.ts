import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signUpWithProject } from '../../server/test/live-server.ts';
import { axeViolations } from './axe-violations.ts';
import { useDashboardWithReceivers } from './dashboard-with-receivers.ts';
import { CHROMIUM, SCREENSHOT_DIR } from './e2e-support.ts';

/**
 * Editing channels on the Integrations page: an email channel's name and recipients, a webhook's
 * event types and URL (never shown back, replaced only by typing a new one), each proven by a
 * test delivery reaching the local SMTP server or HTTP receiver.
 */
describe.skipIf(!existsSync(CHROMIUM))('editing notification channels in Chromium', () => {
  const dashboard = useDashboardWithReceivers();

  it('renames an email channel and changes its recipients; changes a webhook’s event types, then its URL', async () => {
    const { server } = dashboard;
    const hooks = dashboard.receiver;
    const mailbox = dashboard.inbox;
    const tenant = await signUpWithProject(server, 'chanedit');
    const create = (body: Record<string, unknown>) =>
      server.request('POST', '/api/v1/notification-channels', { token: tenant.token, body });
    expect((await create({ kind: 'email', name: 'On call', recipients: ['first@chanedit.test'] })).status).toBe(201);
    const created = await create({
      kind: 'webhook',
      name: 'Ops hooks',
      url: `${hooks.url}/hooks/old`,
      eventTypes: ['*'],
    });
    expect(created.status).toBe(201);

    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill('ops@chanedit.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();

    // Email: a new name and two recipients; Cancel first leaves it as it was.
    const email = page.getByRole('region', { name: 'On call' });
    await email.getByRole('button', { name: 'Edit' }).click();
    let form = page.getByRole('form', { name: 'Edit On call' });
    await form.getByLabel('Channel name').fill('Not saved');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
    await email.getByRole('button', { name: 'Edit' }).click();
    expect(await form.getByLabel('Channel name').inputValue()).toBe('On call');
    expect(await form.getByLabel(/^Recipients/).inputValue()).toBe('first@chanedit.test');
    await form.getByLabel('Channel name').fill('On call team');
    await form.getByLabel(/^Recipients/).fill('first@chanedit.test, second@chanedit.test');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const renamed = page.getByRole('region', { name: 'On call team' });
    await renamed.getByText('first@chanedit.test, second@chanedit.test').waitFor();
    expect(await form.count()).toBe(0);
    await renamed.getByRole('button', { name: 'Send test' }).click();
    await renamed.getByRole('status').filter({ hasText: 'delivered' }).waitFor({ timeout: 20_000 });
    const mail = await mailbox.waitFor((message) => message.subject.includes('On call team'));
    expect(mail.envelopeTo.sort()).toEqual(['first@chanedit.test', 'second@chanedit.test']);

    // Webhook: the URL field starts empty (the URL is never shown back); left empty, the URL stays.
    const webhook = page.getByRole('region', { name: 'Ops hooks' });
    await webhook.getByRole('button', { name: 'Edit' }).click();
    form = page.getByRole('form', { name: 'Edit Ops hooks' });
    const urlField = form.getByLabel(/^New endpoint URL/);
    expect(await urlField.inputValue()).toBe('');
    expect(await form.textContent()).toContain(`keep the current one, to ${hooks.host}`);
    expect(await form.textContent()).not.toContain('/hooks/old');
    expect(await axeViolations(page)).toEqual([]);
    // Picking a group unticks "Every event" (which would include it anyway).
    await form.getByLabel('Every job event').check();
    expect(await form.getByLabel('Every event').isChecked()).toBe(false);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    await webhook.getByText('Every job event').waitFor();
    expect(await webhook.textContent()).not.toContain('Every event');
    await webhook.getByRole('button', { name: 'Send test' }).click();
    await webhook.getByRole('status').filter({ hasText: 'delivered' }).waitFor({ timeout: 20_000 });
    expect((await hooks.waitForRequests(1)).map((request) => request.path)).toEqual(['/hooks/old']);

    // A private address is refused beside the URL field; the receiver's new path replaces the old.
    await webhook.getByRole('button', { name: 'Edit' }).click();
    await urlField.fill('https://10.1.2.3/hooks');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const urlLabel = form.locator('label', { hasText: 'New endpoint URL' });
    await urlLabel.getByRole('alert').waitFor();
    expect(await urlLabel.getByRole('alert').textContent()).toMatch(/10\.1\.2\.3.*private/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'integrations-edit-channel.png'), fullPage: true });
    await urlField.fill(`${hooks.url}/hooks/new`);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    expect(await webhook.textContent()).not.toContain('/hooks/new');
    await webhook.getByRole('button', { name: 'Send test' }).click();
    await webhook.getByRole('status').filter({ hasText: 'delivered' }).waitFor({ timeout: 20_000 });
    expect((await hooks.waitForRequests(2)).map((request) => request.path)).toEqual(['/hooks/old', '/hooks/new']);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});

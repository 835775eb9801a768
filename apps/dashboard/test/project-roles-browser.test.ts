import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addToProject, createProject, invite, PASSWORD, setPlan, signUp } from '../../server/test/people.ts';
import { CHROMIUM, useDashboardInBrowser } from './e2e-support.ts';

/**
 * A company member whose power comes from project roles: operator of Edge, viewer of Lab, nothing
 * in Vault. The dashboard shows each project's links and buttons by that project's role.
 */
describe.skipIf(!existsSync(CHROMIUM))('project roles in the dashboard', () => {
  const dashboard = useDashboardInBrowser();

  it('shows a project operator Alerts and Jobs with their write buttons, and a viewer the same pages read-only', async () => {
    const { server } = dashboard;
    const owner = await signUp(server, 'owner@projectroles.test', 'Project Roles Co');
    await setPlan(server, owner.companyId, 'professional');
    const edge = await createProject(server, owner, 'Edge');
    const lab = await createProject(server, owner, 'Lab');
    await createProject(server, owner, 'Vault');
    const operator = await invite(server, owner, 'operator@projectroles.test', 'member');
    await addToProject(server, owner, edge, operator, 'operator');
    await addToProject(server, owner, lab, operator, 'viewer');

    const alertIn = async (projectId: string, subject: string) => {
      const rule = await server.request('POST', `/api/v1/projects/${projectId}/alert-rules`, {
        token: owner.token,
        body: { name: 'Transfer failed', condition: 'transfer_failed', channelIds: [] },
      });
      expect(rule.status, JSON.stringify(rule.body)).toBe(201);
      await server.sql(
        `insert into alerts (company_id, project_id, rule_id, rule_name, condition, severity, subject_type,
           subject_id, subject_name, title)
         values ($1, $2, $3, 'Transfer failed', 'transfer_failed', 'warning', 'transfer', $4, $5, $6)`,
        [owner.companyId, projectId, rule.body.id, randomUUID(), subject, `Transfer ${subject} failed`],
      );
    };
    await alertIn(edge, 'nightly-edge');
    await alertIn(lab, 'nightly-lab');

    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill(operator.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    const projectPicker = nav.getByLabel('Current project');
    const projectNames = await projectPicker.locator('option').allTextContents();
    expect(projectNames.filter((name) => name !== 'Choose a project').sort()).toEqual(['Edge', 'Lab']);
    const navLinks = () => nav.getByRole('link').allTextContents();

    // Edge, as its operator.
    await page.goto(`${server.url}/p/${edge}/fleet`);
    await page.getByText('No agents in this project yet').waitFor();
    expect(await navLinks()).toEqual(expect.arrayContaining(['Fleet', 'Add agent', 'Transfers', 'Jobs', 'Alerts']));
    expect(await page.getByRole('main').getByRole('link', { name: 'Add agent' }).count()).toBeGreaterThan(0);

    await nav.getByRole('link', { name: 'Jobs' }).click();
    await page.getByText('No jobs yet').waitFor();
    await page.getByRole('link', { name: 'New job' }).waitFor();

    await nav.getByRole('link', { name: 'Transfers' }).click();
    await page.getByText('No transfers yet').waitFor();
    await page.getByRole('link', { name: 'New transfer' }).waitFor();

    await nav.getByRole('link', { name: 'Alerts' }).click();
    const edgeAlert = page.getByRole('table', { name: 'Open alerts' }).getByRole('row', { name: /nightly-edge/ });
    await edgeAlert.waitFor();
    await page.getByRole('button', { name: 'New rule' }).waitFor();
    await edgeAlert.getByRole('button', { name: 'Acknowledge Transfer nightly-edge failed' }).click();
    await edgeAlert.getByText('You').waitFor();
    const [acknowledged] = await server.sql<{ acknowledged_by: string | null }>(
      `select acknowledged_by from alerts where subject_name = 'nightly-edge'`,
    );
    expect(acknowledged?.acknowledged_by).toBe(operator.userId);
    // Channels are the company admins' to add: the form says so instead of linking to a page the operator cannot open.
    await page.getByRole('button', { name: 'New rule' }).click();
    const form = page.getByRole('form', { name: 'New alert rule' });
    await form.getByText('No channels yet: a company admin adds them on the Integrations page.').waitFor();
    expect(await form.getByRole('link', { name: 'Integrations' }).count()).toBe(0);
    await form.getByRole('button', { name: 'Cancel' }).click();

    // Lab, as a viewer: the same pages to read, no button that would change anything.
    await projectPicker.selectOption({ label: 'Lab' });
    await page.getByText('No agents in this project yet').waitFor();
    await page.getByText('Agents appear here once someone who may add them to this project installs one.').waitFor();
    expect(await navLinks()).toEqual(expect.arrayContaining(['Fleet', 'Transfers', 'Jobs', 'Alerts']));
    expect(await navLinks()).not.toContain('Add agent');
    expect(await page.getByRole('link', { name: 'Add agent' }).count()).toBe(0);

    await nav.getByRole('link', { name: 'Jobs' }).click();
    await page.getByText('No jobs yet').waitFor();
    expect(await page.getByRole('link', { name: 'New job' }).count()).toBe(0);

    await nav.getByRole('link', { name: 'Transfers' }).click();
    await page.getByText('No transfers yet').waitFor();
    expect(await page.getByRole('link', { name: 'New transfer' }).count()).toBe(0);

    await nav.getByRole('link', { name: 'Alerts' }).click();
    const labAlert = page.getByRole('table', { name: 'Open alerts' }).getByRole('row', { name: /nightly-lab/ });
    await labAlert.waitFor();
    await page
      .getByRole('table', { name: 'Alert rules' })
      .getByRole('row', { name: /Transfer failed/ })
      .waitFor();
    expect(await labAlert.getByRole('button').count()).toBe(0);
    expect(await labAlert.getByRole('cell').last().textContent()).toBe('No');
    expect(await page.getByRole('button', { name: 'New rule' }).count()).toBe(0);
    expect(await page.getByRole('table', { name: 'Alert rules' }).getByRole('button').count()).toBe(0);

    // Company pages stay on the company role: a member sees People, not API keys or Integrations.
    expect(await navLinks()).toContain('People');
    expect(await navLinks()).not.toContain('API keys');
    expect(await navLinks()).not.toContain('Integrations');
    await expectNoErrors(page, pageErrors);
    await page.close();
  }, 120_000);
});

async function expectNoErrors(page: Page, pageErrors: string[]) {
  expect(await page.getByRole('alert').count()).toBe(0);
  expect(pageErrors).toEqual([]);
}

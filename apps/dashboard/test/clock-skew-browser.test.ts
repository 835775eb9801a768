import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Peer, signUpWithProject, TestAgent } from '../../server/test/live-server.ts';
import { CHROMIUM, useDashboardInBrowser } from './e2e-support.ts';

/** The fleet and agent pages tell an administrator that an agent's clock is off and why it was refused. */
describe.skipIf(!existsSync(CHROMIUM))('an agent refused for its clock, in the dashboard', () => {
  const dashboard = useDashboardInBrowser();

  it('shows the skew and the refusal on the fleet and agent pages', async () => {
    const tenant = await signUpWithProject(dashboard.server, 'skewdash');
    const agent = await TestAgent.create();
    const token = await dashboard.server.request('POST', `/api/v1/projects/${tenant.projectId}/enrolment-tokens`, {
      token: tenant.token,
      body: { preApproved: true },
    });
    await agent.enrol(dashboard.server, token.body.secret, 'skewed-box');
    // Signed on a clock ten minutes ahead, as a machine whose clock is off would.
    const realNow = Date.now;
    Date.now = () => realNow() + 600_000;
    const assertion = await agent.assertion().finally(() => {
      Date.now = realNow;
    });
    await (await Peer.open(dashboard.server.url, assertion)).waitForClose();

    const page = await dashboard.browser.newPage();
    await page.goto(`${dashboard.server.url}/login`);
    await page.getByLabel('Email').fill('ops@skewdash.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
    await page.goto(`${dashboard.server.url}/p/${tenant.projectId}/fleet`);
    await page.getByRole('link', { name: 'skewed-box' }).waitFor();
    const notice = page.getByText(/clock (599|600|601) s ahead · refused: Agent clock/);
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/ahead of the server's/);

    await page.getByRole('link', { name: 'skewed-box' }).click();
    await page.getByText('Last refused').waitFor();
    expect(await page.locator('dl.facts').textContent()).toMatch(/Clockclock (599|600|601) s ahead/);
  }, 120_000);
});

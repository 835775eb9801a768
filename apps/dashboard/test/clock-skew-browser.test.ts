import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, Peer, signUpWithProject, startLiveServer, TestAgent } from '../../server/test/live-server.ts';
import { CHROMIUM, ensureDashboardBuilt } from './e2e-support.ts';

/** The fleet and agent pages tell an administrator that an agent's clock is off and why it was refused. */
describe.skipIf(!existsSync(CHROMIUM))('an agent refused for its clock, in the dashboard', () => {
  let server: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    await ensureDashboardBuilt();
    server = await startLiveServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the skew and the refusal on the fleet and agent pages', async () => {
    const tenant = await signUpWithProject(server, 'skewdash');
    const agent = await TestAgent.create();
    const token = await server.request('POST', `/api/v1/projects/${tenant.projectId}/enrolment-tokens`, {
      token: tenant.token,
      body: { preApproved: true },
    });
    await agent.enrol(server, token.body.secret, 'skewed-box');
    // Signed on a clock ten minutes ahead, as a machine whose clock is off would.
    const realNow = Date.now;
    Date.now = () => realNow() + 600_000;
    const assertion = await agent.assertion().finally(() => {
      Date.now = realNow;
    });
    await (await Peer.open(server.url, assertion)).waitForClose();

    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill('ops@skewdash.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
    await page.goto(`${server.url}/p/${tenant.projectId}/fleet`);
    await page.getByRole('link', { name: 'skewed-box' }).waitFor();
    const notice = page.getByText(/clock (599|600|601) s ahead · refused: Agent clock/);
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/ahead of the server's/);

    await page.getByRole('link', { name: 'skewed-box' }).click();
    await page.getByText('Last refused').waitFor();
    expect(await page.locator('dl.facts').textContent()).toMatch(/Clockclock (599|600|601) s ahead/);
  }, 120_000);
});

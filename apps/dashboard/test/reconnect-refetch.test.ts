import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, startLiveServer } from '../../server/test/live-server.ts';
import { CHROMIUM, ensureDashboardBuilt, launchChromium } from './e2e-support.ts';

/** The built dashboard in Chromium across a restart of the real server: it catches up without a reload. */
describe.skipIf(!existsSync(CHROMIUM))('dashboard after the server restarts', () => {
  let server: LiveServer;
  let browser: Browser;
  let page: Page;
  let companyId = '';
  const badge = () => page.getByRole('status').filter({ hasText: /Live|Connecting|Offline/ });

  beforeAll(async () => {
    await ensureDashboardBuilt();
    server = await startLiveServer();
    const signup = await server.request('POST', '/api/v1/auth/signup', {
      body: { email: 'ops@catchup.test', password: 'correct horse battery', companyName: 'Catch-up Co' },
    });
    companyId = signup.body.company.id;
    await server.request('POST', '/api/v1/projects', { token: signup.body.accessToken, body: { name: 'Main' } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill('ops@catchup.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows "Live" on every load, however soon the connection is ready', async () => {
    // The badge used to copy the state at render and listen only after: a connection ready in
    // between left it at "Connecting…" (about one load in three).
    for (let load = 0; load < 8; load += 1) {
      await page.reload();
      await page.getByRole('heading', { name: 'Fleet' }).waitFor();
      await badge().filter({ hasText: 'Live' }).waitFor({ timeout: 10_000 });
    }
  }, 120_000);

  it('refetches the open page on reconnect: a change made while the server was down shows without a reload', async () => {
    await page.goto(`${server.url}/plan`);
    await page.getByRole('heading', { name: 'Free active', exact: true }).waitFor();
    await page.getByText('tcpa admin set-plan --company <id|name> --plan <plan>').waitFor();
    await badge().filter({ hasText: 'Live' }).waitFor();
    // A marker in the page's memory: a reload would lose it.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    await server.stop();
    await badge()
      .filter({ hasText: /Offline/ })
      .waitFor({ timeout: 20_000 });
    await server.sql(`update subscriptions set plan_id = 'enterprise' where company_id = $1`, [companyId]);
    await server.start();

    await badge().filter({ hasText: 'Live' }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'Enterprise active', exact: true }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  }, 120_000);
});

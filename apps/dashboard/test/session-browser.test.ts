import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signUpWithProject } from '../../server/test/live-server.ts';
import { CHROMIUM, useDashboardInBrowser } from './e2e-support.ts';

/** A dashboard session outlives a reload and reaches new tabs; signing out ends it in all of them. */
describe.skipIf(!existsSync(CHROMIUM))('dashboard session across reloads and tabs', () => {
  const dashboard = useDashboardInBrowser();

  const signedIn = (page: Page) => page.getByRole('button', { name: 'Log out' }).waitFor();
  const signInPage = (page: Page) => page.getByRole('heading', { name: 'Sign in' }).waitFor();

  it('stays signed in after a reload and in a new tab, and a sign-out sends every tab to the sign-in page', async () => {
    const tenant = await signUpWithProject(dashboard.server, 'sessiondash');
    const context = await dashboard.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const consoleErrors: string[] = [];
    context.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const refusedRefreshes: number[] = [];
    context.on('response', (response) => {
      if (response.url().endsWith('/api/v1/auth/refresh') && !response.ok()) refusedRefreshes.push(response.status());
    });
    try {
      const page = await context.newPage();
      await page.goto(`${dashboard.server.url}/login`);
      await page.getByLabel('Email').fill('ops@sessiondash.test');
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Fleet' }).waitFor();

      // The refresh token is in a cookie the page's scripts cannot read, and in no storage.
      const [cookie, ...others] = await context.cookies();
      expect(others).toEqual([]);
      expect(cookie).toMatchObject({
        name: 'tcpa_refresh',
        path: '/api/v1/auth',
        httpOnly: true,
        secure: true,
        sameSite: 'Strict',
      });
      const visibleToScripts = await page.evaluate(() =>
        JSON.stringify([document.cookie, { ...sessionStorage }, { ...localStorage }]),
      );
      expect(visibleToScripts).not.toContain('tcpr_');

      await page.reload();
      await page.getByRole('heading', { name: 'Fleet' }).waitFor();
      await signedIn(page);
      expect(page.url()).toBe(`${dashboard.server.url}/p/${tenant.projectId}/fleet`);

      const tab = await context.newPage();
      await tab.goto(`${dashboard.server.url}/projects`);
      await tab.getByRole('heading', { name: 'Projects' }).waitFor();
      await signedIn(tab);

      // Two tabs opened at once spend the cookie one after the other, not the same token twice
      // (which the server would take for a replay and end the session).
      const [left, right] = await Promise.all([context.newPage(), context.newPage()]);
      await Promise.all([left?.goto(`${dashboard.server.url}/people`), right?.goto(`${dashboard.server.url}/plan`)]);
      await Promise.all([signedIn(left as Page), signedIn(right as Page)]);
      await page.reload();
      await signedIn(page);

      await page.getByRole('button', { name: 'Log out' }).click();
      await signInPage(page);
      // Every other tab follows, without a reload.
      for (const other of [tab, left, right] as Page[]) await signInPage(other);
      expect(await context.cookies()).toEqual([]);
      await page.reload();
      await signInPage(page);
      await tab.reload();
      await signInPage(tab);
      expect(await tab.getByRole('button', { name: 'Log out' }).count()).toBe(0);
      // No tab tried a refresh without a session to resume (it would be refused), nor anything else
      // that showed an error.
      expect(refusedRefreshes).toEqual([]);
      expect(consoleErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

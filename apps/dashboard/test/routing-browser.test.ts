import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signUpWithProject } from '../../server/test/live-server.ts';
import { CHROMIUM, useDashboardInBrowser } from './e2e-support.ts';

/** Addresses as people use them: pasted deep links, reloads, the back and forward buttons, mistyped paths. */
describe.skipIf(!existsSync(CHROMIUM))('dashboard addresses in Chromium', () => {
  const dashboard = useDashboardInBrowser();
  const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true }).waitFor();

  it('a deep link into a project signs in and comes back, survives reloads, and back/forward walk the pages', async () => {
    const tenant = await signUpWithProject(dashboard.server, 'routedash');
    const context = await dashboard.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const pageErrors: string[] = [];
    try {
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      const base = dashboard.server.url;
      const project = `${base}/p/${tenant.projectId}`;

      await page.goto(`${project}/transfers/new`);
      await heading(page, 'Sign in');
      expect(new URL(page.url()).searchParams.get('next')).toBe(`/p/${tenant.projectId}/transfers/new`);
      await page.getByLabel('Email').fill('ops@routedash.test');
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await heading(page, 'New transfer');
      expect(page.url()).toBe(`${project}/transfers/new`);

      await page.reload();
      await heading(page, 'New transfer');
      const menu = page.getByRole('navigation', { name: 'Main' });
      // A transfer's own pages are under Transfers in the menu.
      expect(await menu.getByRole('link', { name: 'Transfers' }).getAttribute('aria-current')).toBe('page');

      await menu.getByRole('link', { name: 'Add agent' }).click();
      await heading(page, 'Add agent');
      await menu.getByRole('link', { name: 'Plan & usage' }).click();
      await heading(page, 'Plan & usage');
      expect(page.url()).toBe(`${base}/plan`);

      await page.goBack();
      await heading(page, 'Add agent');
      expect(page.url()).toBe(`${project}/add-agent`);
      expect(await menu.getByRole('link', { name: 'Add agent' }).getAttribute('aria-current')).toBe('page');
      await page.goBack();
      await heading(page, 'New transfer');
      await page.goForward();
      await heading(page, 'Add agent');
      await page.reload();
      await heading(page, 'Add agent');
      await page.goForward();
      await heading(page, 'Plan & usage');

      // The project's own address leads to its fleet.
      await page.goto(project);
      await heading(page, 'Fleet');
      expect(page.url()).toBe(`${project}/fleet`);

      await page.goto(`${project}/no-such-page`);
      await page.getByText('There is no page at this address').waitFor();
      await page.goto(`${base}/p/${randomUUID()}/fleet`);
      await page.getByText('This project does not exist or you cannot see it').waitFor();
      await page.goto(`${base}/no-such-page`);
      await heading(page, 'Page not found');
      await page.getByRole('link', { name: 'Go to the dashboard' }).click();
      await heading(page, 'Fleet');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

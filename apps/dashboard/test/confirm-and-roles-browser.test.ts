import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createApiKey, createProject, invite, PASSWORD, setPlan, signUp } from '../../server/test/people.ts';
import { CHROMIUM, useDashboardInBrowser } from './e2e-support.ts';

/** Role pickers change roles; actions that cannot be undone ask first and do nothing when declined. */
describe.skipIf(!existsSync(CHROMIUM))('role pickers and confirmations in the dashboard', () => {
  const dashboard = useDashboardInBrowser();

  /** Clicks `button`, answers the question it asks, and returns the question. */
  async function answer(page: Page, button: ReturnType<Page['getByRole']>, accept: boolean) {
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.message());
        void (accept ? dialog.accept() : dialog.dismiss());
      }),
    );
    await button.click();
    return asked;
  }

  it('changes a role from the table, and removes, revokes and deletes only once confirmed', async () => {
    const owner = await signUp(dashboard.server, 'owner@confirm.test', 'Confirm Co');
    await setPlan(dashboard.server, owner.companyId, 'professional');
    const member = await invite(dashboard.server, owner, 'member@confirm.test', 'member');
    await createApiKey(dashboard.server, owner, { name: 'nightly', scopes: ['projects:read'] });
    await createProject(dashboard.server, owner, 'Doomed');
    const roleOf = async (userId: string) =>
      (
        await dashboard.server.sql<{ key: string }>(
          'select r.key from company_memberships m join roles r on r.id = m.role_id where m.user_id = $1',
          [userId],
        )
      )[0]?.key;

    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${dashboard.server.url}/login`);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();

    await page.goto(`${dashboard.server.url}/people`);
    const picker = page.getByLabel('Role of member@confirm.test');
    expect(await picker.inputValue()).toBe('member');
    await picker.selectOption('admin');
    await expect.poll(() => roleOf(member.userId)).toBe('admin');
    // The invitation form's picker, under its visible label.
    expect(await page.locator('form').getByLabel('Role').inputValue()).toBe('member');

    const row = page.getByRole('row', { name: /member@confirm\.test/ });
    const remove = row.getByRole('button', { name: 'Remove' });
    expect(await answer(page, remove, false)).toBe('Remove member@confirm.test from the company?');
    await page.waitForTimeout(300);
    expect(await roleOf(member.userId)).toBe('admin');
    expect(await answer(page, remove, true)).toMatch(/^Remove member@confirm\.test/);
    await row.waitFor({ state: 'detached' });
    expect(await roleOf(member.userId)).toBeUndefined();

    await page.goto(`${dashboard.server.url}/api-keys`);
    const revoke = page.getByRole('row', { name: /nightly/ }).getByRole('button', { name: 'Revoke' });
    expect(await answer(page, revoke, false)).toBe('Revoke nightly? Programs using it stop working at once.');
    await page.waitForTimeout(300);
    expect(
      await page
        .getByRole('row', { name: /nightly/ })
        .getByText('active')
        .count(),
    ).toBe(1);
    await answer(page, revoke, true);
    await page
      .getByRole('row', { name: /nightly/ })
      .getByText(/^revoked/)
      .waitFor();

    await page.goto(`${dashboard.server.url}/projects`);
    const remaining = () => dashboard.server.sql('select id from projects where name = $1', ['Doomed']);
    const doomed = page.getByRole('listitem').filter({ hasText: 'Doomed' });
    const deleteButton = doomed.getByRole('button', { name: 'Delete' });
    expect(await answer(page, deleteButton, false)).toBe(
      'Delete project Doomed? Its agents and transfers are deleted too.',
    );
    await page.waitForTimeout(300);
    expect(await remaining()).toHaveLength(1);
    await answer(page, deleteButton, true);
    await expect.poll(async () => (await remaining()).length).toBe(0);
    await page.close();
  }, 120_000);
});

import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addToProject, createProject, invite, PASSWORD, signUp } from '../../server/test/people.ts';
import { axeViolations } from './axe-violations.ts';
import { CHROMIUM, clickAndConfirm, signInThroughPage, useDashboardInBrowser } from './e2e-support.ts';

const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/**
 * The Storage page: an owner adds an S3 location with an access key, sees how it signs in (never
 * the secret), renames it keeping its credentials, and deletes it; a project operator sees the list only.
 */
describe.skipIf(!existsSync(CHROMIUM))('storage locations in Chromium', () => {
  const dashboard = useDashboardInBrowser();

  const signIn = (page: Page, email: string) => signInThroughPage(page, dashboard.server.url, email, PASSWORD);

  it('adds, lists, renames and deletes an S3 location without ever showing its secret', async () => {
    const { server } = dashboard;
    const owner = await signUp(server, 'owner@storagedash.test', 'Storage Dash Co');
    const projectId = await createProject(server, owner, 'Backups');
    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await signIn(page, owner.email);
    await page.goto(`${server.url}/p/${projectId}/fleet`);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Storage' }).click();
    await page.getByRole('heading', { name: 'Storage', level: 1 }).waitFor();
    await page.getByText('No storage locations yet').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Add location' }).click();
    const form = page.getByRole('form', { name: 'Add storage location' });
    await form.getByLabel('Kind').selectOption({ label: 'Amazon S3 or compatible' });
    await form.getByLabel('Location name').fill('Nightly backups');
    await form.getByLabel('Bucket', { exact: true }).fill('Tcpa_Nightly');
    await form.getByLabel('Region').fill('eu-west-1');
    await form.getByLabel('Prefix').fill('db/');
    await form.getByLabel('Signs in with').selectOption({ label: 'Access key' });
    await form.getByLabel('Access key ID').fill(ACCESS_KEY_ID);
    const secretInput = form.getByLabel('Secret access key');
    expect(await secretInput.getAttribute('type')).toBe('password');
    await secretInput.fill(SECRET_ACCESS_KEY);
    expect(await axeViolations(page)).toEqual([]);
    // A bucket name S3 refuses: the server's reason beside the form.
    await form.getByRole('button', { name: 'Add location' }).click();
    await form.getByRole('alert').filter({ hasText: 'lowercase letters' }).waitFor();
    await form.getByLabel('Bucket', { exact: true }).fill('tcpa-nightly');
    await form.getByRole('button', { name: 'Add location' }).click();

    const table = page.getByRole('table', { name: 'Storage locations' });
    const row = table.getByRole('row', { name: /Nightly backups/ });
    await row.waitFor();
    await form.waitFor({ state: 'detached' });
    const rowText = await row.textContent();
    expect(rowText).toContain('Amazon S3 or compatible');
    expect(rowText).toContain('tcpa-nightly/db/');
    expect(rowText).toContain(`Access key ${ACCESS_KEY_ID}`);
    expect(rowText).toContain('updated');
    expect(await page.content()).not.toContain(SECRET_ACCESS_KEY);
    expect(await axeViolations(page)).toEqual([]);

    // Renamed, the credentials kept: the edit form offers none of the secret back.
    await row.getByRole('button', { name: 'Edit Nightly backups' }).click();
    const editForm = page.getByRole('form', { name: 'Edit Nightly backups' });
    expect(await editForm.getByLabel('Signs in with').inputValue()).toBe('keep');
    expect(await editForm.getByLabel('Bucket', { exact: true }).inputValue()).toBe('tcpa-nightly');
    await editForm.getByLabel('Location name').fill('Weekly backups');
    await editForm.getByRole('button', { name: 'Save location' }).click();
    const renamed = table.getByRole('row', { name: /Weekly backups/ });
    await renamed.waitFor();
    expect(await renamed.textContent()).toContain(`Access key ${ACCESS_KEY_ID}`);
    expect(await page.content()).not.toContain(SECRET_ACCESS_KEY);
    const stored = await server.request('GET', `/api/v1/projects/${projectId}/storage-locations`, {
      token: owner.token,
    });
    expect(stored.body.locations).toHaveLength(1);
    expect(stored.body.locations[0].credentials).toEqual({ mode: 'access_key', accessKeyId: ACCESS_KEY_ID });

    const question = await clickAndConfirm(page, renamed.getByRole('button', { name: 'Delete' }));
    expect(question).toContain('Weekly backups');
    await page.getByText('No storage locations yet').waitFor();
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('shows a project operator the locations without the buttons that change them, and a viewer no Storage link', async () => {
    const { server } = dashboard;
    const owner = await signUp(server, 'owner@storageops.test', 'Storage Ops Co');
    const projectId = await createProject(server, owner, 'Edge');
    const operator = await invite(server, owner, 'operator@storageops.test', 'member');
    await addToProject(server, owner, projectId, operator, 'operator');
    const viewer = await invite(server, owner, 'viewer@storageops.test', 'member');
    await addToProject(server, owner, projectId, viewer, 'viewer');
    const created = await server.request('POST', `/api/v1/projects/${projectId}/storage-locations`, {
      token: owner.token,
      body: {
        kind: 's3',
        name: 'Edge drops',
        bucket: 'edge-drops',
        region: 'us-east-1',
        credentials: { mode: 'agent' },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, operator.email);
    await page.goto(`${server.url}/p/${projectId}/fleet`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Storage' }).click();
    const row = page.getByRole('table', { name: 'Storage locations' }).getByRole('row', { name: /Edge drops/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('The agent’s own credentials');
    expect(await page.getByRole('button', { name: 'Add location' }).count()).toBe(0);
    expect(await row.getByRole('button').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();

    // A viewer has no storage:read: no Storage link.
    const viewerPage = await dashboard.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(viewerPage, viewer.email);
    await viewerPage.goto(`${server.url}/p/${projectId}/fleet`);
    const nav = viewerPage.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Fleet' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Storage' }).count()).toBe(0);
    await viewerPage.close();
  });
});

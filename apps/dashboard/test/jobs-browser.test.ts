import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentProcesses } from '../../server/test/agent-processes.ts';
import { signUpWithProject } from '../../server/test/live-server.ts';
import { waitUntil } from '../../server/test/wait-until.ts';
import { axeViolations } from './axe-violations.ts';
import { CHROMIUM, SCREENSHOT_DIR, useDashboardInBrowser } from './e2e-support.ts';

/**
 * A job made in the editor with paths picked by browsing two real agents, its every-minute
 * schedule firing on the server's scheduler, the run appearing live on the job page and succeeding,
 * and the files byte-exact at the destination.
 */
describe.skipIf(!existsSync(CHROMIUM))('a scheduled job, end to end in Chromium', () => {
  const dashboard = useDashboardInBrowser();
  const agents = new AgentProcesses('tcpa-jobs-');
  afterAll(() => agents.removeAll());

  it('creates an every-minute job with the file pickers, sees its run appear live and succeed, files byte-exact', async () => {
    const { server } = dashboard;
    const tenant = await signUpWithProject(server, 'jobsdash');
    const sourceRoot = await agents.tempDir();
    const destinationRoot = await agents.tempDir();
    const report = randomBytes(3 * 1024 * 1024 + 17);
    const notes = randomBytes(4096);
    await mkdir(join(sourceRoot, 'outgoing', 'sub'), { recursive: true });
    await writeFile(join(sourceRoot, 'outgoing', 'report.bin'), report);
    await writeFile(join(sourceRoot, 'outgoing', 'sub', 'notes.txt'), notes);
    await writeFile(join(sourceRoot, 'outgoing', 'scratch.tmp'), 'left out by the exclude filter');
    await writeFile(join(sourceRoot, 'unrelated.txt'), 'not picked');
    await mkdir(join(destinationRoot, 'incoming'));

    for (const [name, root] of [
      ['job-source', sourceRoot],
      ['job-destination', destinationRoot],
    ] as const) {
      const enrolled = await agents.enrol(server, { token: tenant.token, projectId: tenant.projectId, name, root });
      agents.start(enrolled.dir);
    }
    await waitUntil(
      'both agents online',
      async () => {
        const list = await server.request('GET', `/api/v1/projects/${tenant.projectId}/agents`, {
          token: tenant.token,
        });
        return list.body.agents?.filter((agent: { online: boolean }) => agent.online).length === 2;
      },
      30_000,
      250,
    );

    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill('ops@jobsdash.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    await page.getByText('No jobs yet').waitFor();
    await page.getByRole('link', { name: 'New job' }).click();
    await page.getByRole('heading', { name: 'New job' }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Minutely outgoing');
    await page.getByLabel(/^Mode/).selectOption('mirror');
    await page.getByText('Files in the destination folder that are not in the source will be deleted.').waitFor();
    await page.getByLabel(/^Mode/).selectOption('move');
    await page.getByText('Source files are deleted once they arrive and are verified.').waitFor();
    await page.getByLabel(/^Mode/).selectOption('copy');
    expect(await page.getByText(/^Warning:/).count()).toBe(0);

    // Source: browse the agent's root and tick the folder.
    await page.getByLabel('Source agent').selectOption({ label: 'job-source' });
    await page.getByRole('button', { name: 'Browse the source agent' }).click();
    const sourceFiles = page.getByRole('region', { name: 'Files on the source agent' });
    await sourceFiles.getByRole('button', { name: 'outgoing/' }).waitFor();
    await sourceFiles.getByText('unrelated.txt').waitFor();
    await sourceFiles.getByRole('checkbox', { name: 'Select outgoing' }).check();
    expect(await page.getByLabel(/^Source paths/).inputValue()).toBe('outgoing');
    // Entering the folder lists what the agent has inside it.
    await sourceFiles.getByRole('button', { name: 'outgoing/' }).click();
    await sourceFiles.getByText('report.bin').waitFor();
    await sourceFiles.getByText('3.1 MB').waitFor();

    // Destination: enter the folder and choose it.
    await page.getByLabel('Destination agent').selectOption({ label: 'job-destination' });
    await page.getByRole('button', { name: 'Browse the destination agent' }).click();
    const destinationFiles = page.getByRole('region', { name: 'Files on the destination agent' });
    await destinationFiles.getByRole('button', { name: 'incoming/' }).click();
    await destinationFiles.getByText('This folder is empty.').waitFor();
    await destinationFiles.getByRole('button', { name: 'Use this folder: incoming' }).click();
    expect(await page.getByLabel('Destination directory').inputValue()).toBe('incoming');

    await page.getByLabel(/^Exclude/).fill('*.tmp');

    // Every minute, described in words with the next firings as it is typed.
    await page.getByLabel(/^Cron 1/).fill('* * * *');
    await page.getByText(/a schedule needs 5/).waitFor();
    await page.getByLabel(/^Cron 1/).fill('* * * * *');
    await page.getByLabel(/^Time zone 1/).selectOption('UTC');
    await page.getByText('Every minute', { exact: true }).waitFor();
    const fireTimes = page.getByRole('list', { name: 'Next firings' }).getByRole('listitem');
    expect(await fireTimes.count()).toBe(5);
    expect(await fireTimes.first().textContent()).toMatch(/UTC$/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'job-editor.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    // The server's refusal, with the field it names, beside the form.
    await page.getByLabel(/^Include/).fill('[abc');
    await page.getByRole('button', { name: 'Create job' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/filters\.include\.0: is not a valid glob/);
    await page.getByLabel(/^Include/).fill('');

    await page.getByRole('button', { name: 'Create job' }).click();
    await page.getByRole('heading', { name: 'Minutely outgoing' }).waitFor();
    await page.getByText('No runs yet').waitFor();

    // The scheduler fires on the next minute boundary; the run arrives by the live socket alone.
    const runs = page.getByRole('table', { name: 'Runs' });
    await runs.getByRole('cell', { name: 'Schedule' }).first().waitFor({ timeout: 75_000 });
    const succeeded = runs.getByRole('row').filter({ has: page.locator('.badge', { hasText: 'succeeded' }) });
    await succeeded.first().waitFor({ timeout: 60_000 });
    const cells = await succeeded.first().getByRole('cell').allTextContents();
    expect(cells[1]).toBe('Schedule');
    expect(cells[3]).toBe('2'); // files copied: report.bin and sub/notes.txt
    expect(cells[4]).toBe('3.1 MB');
    expect(cells[5]).toBe('0');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'job-page.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    expect((await readFile(join(destinationRoot, 'incoming', 'outgoing', 'report.bin'))).equals(report)).toBe(true);
    expect((await readFile(join(destinationRoot, 'incoming', 'outgoing', 'sub', 'notes.txt'))).equals(notes)).toBe(
      true,
    );
    expect(existsSync(join(destinationRoot, 'incoming', 'unrelated.txt'))).toBe(false);
    expect(existsSync(join(destinationRoot, 'incoming', 'outgoing', 'scratch.tmp'))).toBe(false);

    // A dry run now: both files are there already, the excluded one is not counted.
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.getByText('Would send: 0 files').waitFor({ timeout: 60_000 });
    await preview.getByText(/^Already identical: 2 files, 3\.1 MB/).waitFor();
    expect(await preview.getByText(/Would delete/).count()).toBe(0);

    // The Jobs list shows the last run and the next one.
    await page.getByRole('link', { name: 'Jobs', exact: true }).first().click();
    const row = page.getByRole('row', { name: /Minutely outgoing/ });
    await row.locator('.badge', { hasText: 'succeeded' }).waitFor();
    expect(await row.getByRole('switch', { name: 'Minutely outgoing enabled' }).isChecked()).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 200_000);
});

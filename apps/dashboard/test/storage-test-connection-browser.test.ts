import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentProcesses } from '../../server/test/agent-processes.ts';
import { signUpWithProject } from '../../server/test/live-server.ts';
import { type LocalS3, startLocalS3 } from '../../server/test/support/local-s3.ts';
import { waitUntil } from '../../server/test/wait-until.ts';
import { axeViolations } from './axe-violations.ts';
import { CHROMIUM, signInThroughPage, useDashboardInBrowser } from './e2e-support.ts';

/** The Storage page's "Test connection": a person picks an agent and reads what each step found. */
describe.skipIf(!existsSync(CHROMIUM))('testing a storage location in Chromium', () => {
  const dashboard = useDashboardInBrowser();
  const agents = new AgentProcesses('tcpa-storage-browser-');
  let s3: LocalS3;
  beforeAll(async () => {
    s3 = await startLocalS3();
  });
  afterAll(async () => {
    await agents.removeAll();
    await s3?.close();
  });

  it('tests a good S3 location and a wrong secret through a real agent, showing each step', async () => {
    const { server } = dashboard;
    const { token, projectId } = await signUpWithProject(server, 'storagetest');
    const api = (method: string, path: string, body?: unknown) =>
      server.request(method, `/api/v1/projects/${projectId}${path}`, { token, body });
    const enrolled = await agents.enrol(server, { token, projectId, name: 'edge-1', root: await agents.tempDir() });
    agents.start(enrolled.dir);
    await waitUntil('agent online', async () => (await api('GET', `/agents/${enrolled.agentId}`)).body.online);
    for (const [name, secretAccessKey] of [
      ['Good bucket', s3.credentials.secretAccessKey],
      ['Wrong secret', 'not-the-secret'],
    ]) {
      const created = await api('POST', '/storage-locations', {
        kind: 's3',
        name,
        bucket: s3.bucket,
        region: s3.region,
        endpoint: s3.endpoint,
        forcePathStyle: true,
        credentials: { mode: 'access_key', accessKeyId: s3.credentials.accessKeyId, secretAccessKey },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }

    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await signInThroughPage(page, server.url, 'ops@storagetest.test', 'correct horse battery');
    await page.goto(`${server.url}/p/${projectId}/storage`);
    await page.getByRole('heading', { name: 'Storage', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Test connection of Good bucket' }).click();
    const panel = page.getByRole('region', { name: 'Test connection of Good bucket' });
    // The online agent is picked once the agent list has loaded (it may still be loading as the panel opens).
    await expect.poll(() => panel.getByLabel('Agent').inputValue(), { timeout: 15_000 }).toBe(enrolled.agentId);
    await panel.getByRole('button', { name: 'Run test' }).click();
    const steps = panel.getByRole('list', { name: 'Test steps' });
    await steps.waitFor({ timeout: 40_000 });
    await panel.getByText('The connection works.').waitFor();
    expect(await steps.getByRole('listitem').allTextContents()).toEqual([
      `✓ Credentials (from the control plane): the control plane listed s3://${s3.bucket}/ with the location's credentials`,
      `✓ Upload from the agent: agent "edge-1" uploaded a test object to s3://${s3.bucket}/`,
      '✓ Download to the agent: agent "edge-1" read the test object back, byte for byte',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await panel.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Test connection of Wrong secret' }).click();
    const wrong = page.getByRole('region', { name: 'Test connection of Wrong secret' });
    await wrong.getByRole('button', { name: 'Run test' }).click();
    await wrong.getByText('The connection does not work yet:').waitFor({ timeout: 40_000 });
    const items = await wrong.getByRole('list', { name: 'Test steps' }).getByRole('listitem').allTextContents();
    expect(items[0]).toBe(
      "✗ Credentials (from the control plane): S3 refused the location's credentials (SignatureDoesNotMatch): check the access key id and secret",
    );
    expect(items[1]).toMatch(
      /^✗ Upload from the agent: the store refused agent "edge-1"'s upload: .* 403 SignatureDoesNotMatch/,
    );
    expect(pageErrors).toEqual([]);
    await page.close();
    await agents.killAll();
  });
});

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentProcesses } from '../../server/test/agent-processes.ts';
import { createProject, PASSWORD, type Person, signUp } from '../../server/test/people.ts';
import { type LocalS3, localS3Client, startLocalS3 } from '../../server/test/support/local-s3.ts';
import { axeViolations } from './axe-violations.ts';
import { CHROMIUM, SCREENSHOT_DIR, signInThroughPage, useDashboardInBrowser } from './e2e-support.ts';

const SMALL_FILES = 300;
const TRANSFER_TIMEOUT_MS = 180_000;

/**
 * A folder as people have them: a few hundred small files, an empty one, nested folders, names
 * with spaces and non-ASCII letters, and one file larger than a part (sent in parts).
 */
async function writeSampleFolder(folder: string) {
  await mkdir(join(folder, 'nested', 'deeper still'), { recursive: true });
  await mkdir(join(folder, 'Résumés ünïcödé'), { recursive: true });
  for (let index = 0; index < SMALL_FILES; index++) {
    const where = index % 3 === 0 ? 'nested' : index % 3 === 1 ? join('nested', 'deeper still') : '';
    await writeFile(join(folder, where, `file ${index}.bin`), randomBytes(1 + ((index * 7919) % 20_000)));
  }
  await writeFile(join(folder, 'empty.txt'), '');
  await writeFile(join(folder, 'Résumés ünïcödé', 'café menu – été 2026.txt'), 'crème brûlée, 12 €\n');
  await writeFile(join(folder, 'big.bin'), randomBytes(20 * 1024 * 1024 + 123));
}

/** Every file under `folder`, by its path inside it (with '/'), and its bytes. */
async function readTree(folder: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(folder, path).split('\\').join('/'), await readFile(path));
  }
  return files;
}

/** Every object under `prefix`, listed a page at a time through the S3 SDK, by its key after `prefix`. */
async function readObjects(client: S3Client, bucket: string, prefix: string): Promise<Map<string, Buffer>> {
  const objects = new Map<string, Buffer>();
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token, MaxKeys: 100 }),
    );
    for (const object of page.Contents ?? []) {
      const key = object.Key as string;
      const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      objects.set(key.slice(prefix.length), Buffer.from(await (got.Body?.transformToByteArray() ?? new Uint8Array())));
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

/** Same paths, same bytes; on a difference, says which paths (not megabytes of bytes). */
function expectSameFiles(actual: Map<string, Buffer>, expected: Map<string, Buffer>) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  const differing = [...expected].filter(([path, bytes]) => !actual.get(path)?.equals(bytes)).map(([path]) => path);
  expect(differing).toEqual([]);
}

/**
 * Issue #18 end to end in Chromium: an owner adds an S3 location (s3rver), tests it through a real
 * agent, sends a real folder from that agent to it, sees the transfer succeed and the objects in
 * the bucket byte for byte, then brings them back to the agent.
 */
describe.skipIf(!existsSync(CHROMIUM))('cloud transfers in Chromium', () => {
  let s3: LocalS3;
  const dashboard = useDashboardInBrowser(async () => {
    s3 = await startLocalS3('tcpa-dash-e2e');
    return { HEARTBEAT_SECONDS: '2' };
  });
  const agents = new AgentProcesses('tcpa-dash-cloud-');
  let client: S3Client;
  let owner: Person;
  let projectId: string;
  let agentRoot: string;
  let page: Page;
  const pageErrors: string[] = [];
  const a11y: Record<string, string[]> = {};
  /** axe's findings on the page as it is now, and a screenshot of it to look at. */
  const checkA11y = async (name: string) => {
    a11y[name] = await axeViolations(page);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `cloud-${name}.png`), fullPage: false });
  };

  beforeAll(async () => {
    client = localS3Client(s3);
    const { server } = dashboard;
    owner = await signUp(server, 'owner@clouddash.test', 'Cloud Dash Co');
    projectId = await createProject(server, owner, 'Archive');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    agentRoot = await agents.tempDir();
    await writeSampleFolder(join(agentRoot, 'outgoing'));
    const enrolled = await agents.enrol(server, { token: owner.token, projectId, name: 'edge-1', root: agentRoot });
    agents.start(enrolled.dir);
    page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await signInThroughPage(page, server.url, owner.email, PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await page?.close();
    client?.destroy();
    await agents.removeAll();
    await s3?.close();
  });

  /** The transfer page reached after "Start transfer": waits for it to succeed, and says what it showed otherwise. */
  async function waitForSuccess() {
    await page.getByRole('heading', { name: 'Transfer', level: 1, exact: true }).waitFor();
    const badge = page.locator('.card .badge').first();
    await page.waitForFunction(
      () => /succeeded|failed|canceled/.test(document.querySelector('.card .badge')?.textContent ?? ''),
      undefined,
      { timeout: TRANSFER_TIMEOUT_MS },
    );
    const state = await badge.textContent();
    expect(state, (await page.locator('.card').first().textContent()) ?? '').toBe('succeeded');
  }

  it('adds an S3 location and tests it through the agent: every step ok', async () => {
    const { server } = dashboard;
    await page.goto(`${server.url}/p/${projectId}/fleet`);
    await page
      .getByRole('row', { name: /edge-1/ })
      .getByText('online')
      .waitFor({ timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Storage' }).click();
    await page.getByRole('button', { name: 'Add location' }).click();
    const form = page.getByRole('form', { name: 'Add storage location' });
    await form.getByLabel('Kind').selectOption({ label: 'Amazon S3 or compatible' });
    await form.getByLabel('Location name').fill('Local S3');
    await form.getByLabel('Bucket', { exact: true }).fill(s3.bucket);
    await form.getByLabel('Region').fill(s3.region);
    await form.getByLabel('Prefix').fill('archive');
    await form.getByLabel('Endpoint').fill(s3.endpoint);
    await form.getByLabel('Bucket in the path').check();
    await form.getByLabel('Signs in with').selectOption({ label: 'Access key' });
    await form.getByLabel('Access key ID').fill(s3.credentials.accessKeyId);
    await form.getByLabel('Secret access key').fill(s3.credentials.secretAccessKey);
    await form.getByRole('button', { name: 'Add location' }).click();
    const row = page.getByRole('table', { name: 'Storage locations' }).getByRole('row', { name: /Local S3/ });
    await row.waitFor();
    await form.waitFor({ state: 'detached' });

    await row.getByRole('button', { name: 'Test connection of Local S3' }).click();
    const test = page.getByRole('region', { name: 'Test connection of Local S3' });
    await test.getByLabel('Agent').selectOption({ label: 'edge-1' });
    await checkA11y('storage-test-form');
    await test.getByRole('button', { name: 'Run test' }).click();
    const steps = test.getByRole('list', { name: 'Test steps' });
    await steps.waitFor({ timeout: 40_000 });
    await test.getByText('The connection works.').waitFor();
    expect(await steps.getByRole('listitem').allTextContents()).toEqual([
      `✓ Credentials (from the control plane): the control plane listed s3://${s3.bucket}/archive/ with the location's credentials`,
      `✓ Upload from the agent: agent "edge-1" uploaded a test object to s3://${s3.bucket}/archive/`,
      '✓ Download to the agent: agent "edge-1" read the test object back, byte for byte',
    ]);
    await checkA11y('storage-test-result');
    await test.getByRole('button', { name: 'Close' }).click();
    await test.waitFor({ state: 'detached' });
  }, 60_000);

  it(
    'sends a folder of the agent to the location and finds every object in the bucket, byte for byte',
    async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Transfers' }).click();
      await page.getByRole('link', { name: 'New transfer' }).click();
      await page.getByRole('heading', { name: 'New transfer' }).waitFor();
      const source = page.getByRole('group', { name: 'Source' });
      const destination = page.getByRole('group', { name: 'Destination' });
      // Two locations: the form says an agent must carry the bytes.
      await source.getByLabel('Send from').selectOption({ label: 'A storage location' });
      await destination.getByLabel('Send to').selectOption({ label: 'A storage location' });
      await page.getByText('An agent must carry the bytes').waitFor();
      await checkA11y('new-transfer-two-locations');
      await source.getByLabel('Send from').selectOption({ label: 'An agent' });
      expect(await page.getByText('An agent must carry the bytes').count()).toBe(0);

      await source.getByLabel('Source agent').selectOption({ label: 'edge-1' });
      await source.getByLabel(/^Source paths/).fill('outgoing');
      await destination.getByLabel('Destination location').selectOption({ label: 'Local S3 (S3)' });
      // A prefix the API refuses is refused by the form first, naming the field.
      await destination.getByLabel(/^Destination prefix/).fill('../elsewhere');
      await page.getByRole('button', { name: 'Start transfer' }).click();
      await page.getByRole('alert').filter({ hasText: 'Destination prefix must be' }).waitFor();
      await destination.getByLabel(/^Destination prefix/).fill('run 1');
      await checkA11y('new-transfer-to-location');
      await page.getByRole('button', { name: 'Start transfer' }).click();

      await waitForSuccess();
      const facts = page.locator('dl.facts');
      expect(await facts.textContent()).toContain('ToLocal S3 (S3) /run 1');
      expect(await facts.textContent()).toContain('Fromedge-1');
      expect(await facts.textContent()).toContain(`Files${SMALL_FILES + 3} of ${SMALL_FILES + 3}`);
      // Each file listed as the person reads it, done: the non-ASCII name, the empty file, the one sent in parts.
      for (const name of [
        'outgoing/Résumés ünïcödé/café menu – été 2026.txt',
        'outgoing/empty.txt',
        'outgoing/big.bin',
      ]) {
        const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
        await row.getByRole('cell', { name: 'done', exact: true }).waitFor();
      }
      await checkA11y('transfer-to-location');

      const sent = await readTree(join(agentRoot, 'outgoing'));
      expect(sent.size).toBe(SMALL_FILES + 3);
      expectSameFiles(await readObjects(client, s3.bucket, 'archive/run 1/outgoing/'), sent);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Transfers' }).click();
      const listed = page.getByRole('row', { name: /edge-1 → Local S3 \(S3\) \/run 1/ });
      await listed.waitFor();
      expect(await listed.getByText('succeeded').count()).toBe(1);
      await checkA11y('transfers-list');
    },
    TRANSFER_TIMEOUT_MS + 60_000,
  );

  it(
    'brings the objects back from the location to a folder of the agent, byte for byte',
    async () => {
      await page.getByRole('link', { name: 'New transfer' }).click();
      const source = page.getByRole('group', { name: 'Source' });
      const destination = page.getByRole('group', { name: 'Destination' });
      await source.getByLabel('Send from').selectOption({ label: 'A storage location' });
      await source.getByLabel('Source location').selectOption({ label: 'Local S3 (S3)' });
      await source.getByLabel(/^Source prefix/).fill('run 1/');
      await destination.getByLabel('Destination agent').selectOption({ label: 'edge-1' });
      await destination.getByLabel('Destination directory').fill('back');
      await page.getByRole('button', { name: 'Start transfer' }).click();

      await waitForSuccess();
      expect(await page.locator('dl.facts').textContent()).toContain('FromLocal S3 (S3) /run 1');
      await checkA11y('transfer-from-location');
      expectSameFiles(await readTree(join(agentRoot, 'back', 'outgoing')), await readTree(join(agentRoot, 'outgoing')));
    },
    TRANSFER_TIMEOUT_MS + 60_000,
  );

  it(
    'makes a nightly job that uploads the folder to the location, runs it now and sees it succeed',
    async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
      await page.getByRole('link', { name: 'New job' }).click();
      await page.getByRole('heading', { name: 'New job' }).waitFor();
      await page.getByLabel('Name', { exact: true }).fill('Nightly archive');
      const source = page.getByRole('group', { name: 'Source' });
      const destination = page.getByRole('group', { name: 'Destination' });
      await source.getByLabel('Source agent').selectOption({ label: 'edge-1' });
      await source.getByLabel(/^Source paths/).fill('outgoing');
      await destination.getByLabel('Send to').selectOption({ label: 'A storage location' });
      await destination.getByLabel('Destination location').selectOption({ label: 'Local S3 (S3)' });
      await destination.getByLabel(/^Destination prefix/).fill('nightly');
      await checkA11y('job-to-location');
      await page.getByRole('button', { name: 'Create job' }).click();

      await page.getByRole('heading', { name: 'Nightly archive' }).waitFor();
      const facts = page.locator('dl.facts');
      expect(await facts.textContent()).toContain('Fromedge-1: outgoing');
      expect(await facts.textContent()).toContain('ToLocal S3 (S3) /nightly');
      // A preview compares two agents' folders: not offered for a job with a location.
      expect(await page.getByRole('button', { name: 'Preview' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Run now' }).click();
      const runs = page.getByRole('table', { name: 'Runs' });
      const succeeded = runs.getByRole('row').filter({ has: page.locator('.badge', { hasText: 'succeeded' }) });
      await succeeded.first().waitFor({ timeout: TRANSFER_TIMEOUT_MS });
      const cells = await succeeded.first().getByRole('cell').allTextContents();
      expect(cells[1]).toBe('Run now');
      expect(cells[3]).toBe(String(SMALL_FILES + 3));
      await checkA11y('job-to-location-ran');
      expectSameFiles(
        await readObjects(client, s3.bucket, 'archive/nightly/outgoing/'),
        await readTree(join(agentRoot, 'outgoing')),
      );

      await page.getByRole('link', { name: 'Jobs', exact: true }).first().click();
      await page.getByRole('row', { name: /Nightly archive.*outgoing → Local S3 \(S3\) \/nightly/ }).waitFor();
    },
    TRANSFER_TIMEOUT_MS + 60_000,
  );

  it('leaves nothing for axe to find on the pages it changed, and no page errors', () => {
    expect(a11y).toEqual(Object.fromEntries(Object.keys(a11y).map((name) => [name, []])));
    expect(Object.keys(a11y).length).toBeGreaterThanOrEqual(8);
    expect(pageErrors).toEqual([]);
  });
});

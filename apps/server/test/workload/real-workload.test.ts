import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '@tcpa/db/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentBundle } from '../../../../test/agent-bundle.ts';
import { CHROMIUM, ensureDashboardBuilt } from '../../../dashboard/test/e2e-support.ts';
import { type NodeChild, spawnNodeScript } from '../../bench/child-process.ts';
import { waitUntil } from '../wait-until.ts';
import { canMakeNamespaces, createPartitionableLink, type PartitionableLink } from './partitionable-link.ts';
import { type RealTree, writeRealTree } from './real-tree.ts';

/**
 * What a new user does with a real folder, with what goes wrong in production on top: the
 * control plane killed (kill -9) and started again 60 s later, and the destination machine cut
 * off the network for 150 s, both in the middle of one transfer of 5,000 files. The transfer
 * must end as it really ended, in the API and on a dashboard page that was never reloaded, and
 * the destination must hold the same tree (`diff -r --no-dereference`). The destination's clock
 * is 10 minutes fast all along.
 */
const AGENT_CLI = agentBundle();
const MAIN = 'apps/server/src/main.ts';
const SHIFTED_CLOCK = new URL('../support/shifted-clock.mjs', import.meta.url).pathname;
const runFile = promisify(execFile);
const namespaces = canMakeNamespaces();
const CONTROL_PLANE_DOWN_MS = 60_000;
const PARTITION_MS = 150_000;
// 4 Mbit/s: the 5,000 files (about 36 MB) take over a minute of sending, so both faults land mid-transfer.
const CAP_BPS = 4_000_000;

async function freePort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe.skipIf(!namespaces.ok || !existsSync(CHROMIUM))(
  `a real folder through a control-plane kill and a partition (${testDatabaseKind()}) ${namespaces.ok ? '' : `— skipped: ${namespaces.why}`}`,
  () => {
    let link: PartitionableLink;
    let work: string;
    let testDatabase: TestDatabase | undefined;
    let controlPlane: NodeChild | undefined;
    let url = '';
    let browser: Browser | undefined;
    let token = '';
    const logFiles: number[] = [];
    const agents: Array<{ kill(signal: NodeJS.Signals): boolean; exitCode: number | null }> = [];

    async function startControlPlane(port: number) {
      controlPlane = spawnNodeScript(MAIN, {
        TCPA_DATA_DIR: join(work, 'control-plane'),
        DATABASE_URL: testDatabase?.url ?? '',
        TCPA_SECRET_KEY: '',
        HOST: link.hostAddress,
        PORT: String(port),
        HEARTBEAT_SECONDS: '2',
        LOG_LEVEL: 'warn',
      });
      const child = controlPlane;
      await waitUntil(
        'the control plane to listen',
        async () => {
          if (child.process.exitCode !== null) throw new Error(`the control plane exited:\n${child.tail()}`);
          return /listening on/.test(child.stdout());
        },
        120_000,
      );
    }

    async function api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    }

    async function enrol(projectId: string, name: string, root: string) {
      const stateDir = join(work, `${name}-state`);
      const created = await api('POST', `/api/v1/projects/${projectId}/enrolment-tokens`, {
        preApproved: true,
        root,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      await runFile(
        process.execPath,
        [
          AGENT_CLI,
          'enrol',
          '--server',
          url,
          '--token',
          created.body.secret,
          '--state-dir',
          stateDir,
          '--name',
          name,
          '--root',
          root,
        ],
        { timeout: 30_000 },
      );
      const { stdout } = await runFile(process.execPath, [AGENT_CLI, 'status', '--state-dir', stateDir, '--json']);
      return { stateDir, agentId: JSON.parse(stdout).agentId as string };
    }

    beforeAll(async () => {
      await ensureDashboardBuilt();
      link = await createPartitionableLink();
      work = await mkdtemp(join(tmpdir(), 'tcpa-workload-'));
      if (testDatabaseKind() === 'postgres') testDatabase = await createTestDatabase();
    }, 240_000);

    afterAll(async () => {
      for (const agent of agents) if (agent.exitCode === null) agent.kill('SIGKILL');
      await browser?.close();
      await controlPlane?.stop();
      await link?.remove();
      await testDatabase?.dispose();
      for (const fd of logFiles.splice(0)) closeSync(fd);
      if (work && !process.env.KEEP_WORKLOAD) await rm(work, { recursive: true, force: true });
    });

    it('finishes true, in the API and on an open dashboard page, and the destination holds the same tree', async () => {
      const sourceRoot = join(work, 'source-files');
      const destinationRoot = join(work, 'destination-files');
      await mkdir(sourceRoot);
      await mkdir(destinationRoot);
      const tree: RealTree = writeRealTree(sourceRoot, 'project', { files: 5000, bigBytes: 16 << 20 });

      const port = await freePort(link.hostAddress);
      url = `http://${link.hostAddress}:${port}`;
      await startControlPlane(port);
      const signup = await api('POST', '/api/v1/auth/signup', {
        email: 'ops@workload.test',
        password: 'correct horse battery',
        companyName: 'Workload Co',
      });
      expect(signup.status, JSON.stringify(signup.body)).toBe(201);
      token = signup.body.accessToken;
      const project = await api('POST', '/api/v1/projects', { name: 'Real folders' });
      const projectId: string = project.body.id;

      const source = await enrol(projectId, 'source', sourceRoot);
      const destination = await enrol(projectId, 'destination', destinationRoot);
      const clockOffsetFile = join(work, 'destination-clock-offset');
      await writeFile(clockOffsetFile, String(10 * 60_000));
      // Their logs go to files in the work folder, for when it fails (KEEP_WORKLOAD=1 keeps the folder).
      const logTo = (name: string) => {
        const fd = openSync(join(work, `${name}.log`), 'a');
        logFiles.push(fd);
        return fd;
      };
      agents.push(
        spawn(process.execPath, [AGENT_CLI, 'run', '--state-dir', source.stateDir], {
          stdio: ['ignore', logTo('source'), logTo('source')],
        }),
        // The destination machine's clock is also 10 minutes fast.
        link.spawnInside(
          process.execPath,
          ['--import', SHIFTED_CLOCK, AGENT_CLI, 'run', '--state-dir', destination.stateDir],
          {
            stdio: ['ignore', logTo('destination'), logTo('destination')],
            env: { ...process.env, TCPA_TEST_CLOCK_OFFSET_FILE: clockOffsetFile },
          },
        ),
      );
      await waitUntil(
        'both agents online',
        async () => {
          const listed = await api('GET', `/api/v1/projects/${projectId}/agents`);
          const items: Array<{ online: boolean }> = listed.body.agents;
          return items.length === 2 && items.every((agent) => agent.online);
        },
        60_000,
      );

      const created = await api('POST', `/api/v1/projects/${projectId}/transfers`, {
        sourceAgentId: source.agentId,
        sourcePaths: ['project'],
        destinationAgentId: destination.agentId,
        destinationDir: 'incoming',
        bandwidthLimitBps: CAP_BPS,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const transferId: string = created.body.id;
      const detail = async () => (await api('GET', `/api/v1/projects/${projectId}/transfers/${transferId}`)).body;

      // The page is opened once and never reloaded: what it shows at the end came over its socket.
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      const page: Page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${url}/login`);
      await page.getByLabel('Email').fill('ops@workload.test');
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Fleet' }).waitFor({ timeout: 30_000 });
      // In-app navigation (a page load would be a reload); the mark is gone if the page ever reloads.
      await page.evaluate(`history.pushState(null, '', '/p/${projectId}/transfers/${transferId}');
        dispatchEvent(new PopStateEvent('popstate'));
        window.neverReloaded = true;`);
      await page.getByRole('heading', { name: 'Transfer' }).waitFor();

      const total = tree.bytes;
      await waitUntil('a quarter of the bytes', async () => (await detail()).transfer.bytesDone >= total / 4, 120_000);

      // Both faults at once: the control plane dies, then the destination loses its network;
      // the control plane comes back 60 s later, the network 150 s later.
      controlPlane?.process.kill('SIGKILL');
      await controlPlane?.exited;
      await link.partition();
      const partitionedAt = Date.now();
      await sleep(CONTROL_PLANE_DOWN_MS);
      await startControlPlane(port);
      let lastSeen: unknown;
      // Until the source is back it waits for both; then for the destination, cut off, saying so.
      const waiting = await waitUntil(
        'the transfer to say it waits for the destination',
        async () => {
          const { transfer } = await detail();
          lastSeen = transfer;
          return transfer.state === 'queued' && /destination/i.test(`${transfer.waitingFor}`) && transfer;
        },
        90_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; it showed ${JSON.stringify(lastSeen)}`);
      });
      expect(waiting.waitingSince).toBeTruthy();
      await page
        .getByText(/destination agent is (offline|unreachable)/i)
        .first()
        .waitFor({ timeout: 30_000 });
      await sleep(Math.max(0, PARTITION_MS - (Date.now() - partitionedAt)));
      await link.heal();

      const finished = await waitUntil(
        'the transfer to finish',
        async () => {
          const body = await detail();
          return ['succeeded', 'failed', 'canceled'].includes(body.transfer.state) && body;
        },
        300_000,
      );
      expect(finished.transfer.state, finished.transfer.stateReason).toBe('succeeded');
      // Waiting for the network or the control plane is not a failed attempt.
      expect(finished.transfer.attempts).toBe(1);

      type FileRow = { path: string; size: number; status: string; error: string | null };
      const files: FileRow[] = finished.files;
      const byPath = new Map(files.map((file) => [file.path.replace(/^.*?project\//, ''), file]));
      expect(byPath.get(tree.emptyFile)).toMatchObject({ status: 'done', size: 0 });
      expect(byPath.get(tree.longName)).toMatchObject({ status: 'done' });
      expect(byPath.get(tree.deepFile)).toMatchObject({ status: 'done' });
      expect(byPath.get(tree.fifo)).toMatchObject({ status: 'skipped', error: expect.stringMatching(/fifo|special/i) });
      for (const outside of tree.links.outside)
        expect(byPath.get(outside)).toMatchObject({ status: 'skipped', error: expect.stringMatching(/outside/i) });
      const done = files.filter((file) => file.status === 'done');
      expect(done.length).toBe(tree.files + tree.links.inside.length);
      // Every entry is accounted for: delivered, or left out saying why.
      expect(files.length).toBe(done.length + 1 + tree.links.outside.length);
      expect(finished.transfer.filesDone).toBe(finished.transfer.filesTotal);

      // The same tree, links as links; only what was skipped (and said so) is missing.
      const diff = await runFile('diff', [
        '-r',
        '--no-dereference',
        join(sourceRoot, 'project'),
        join(destinationRoot, 'incoming', 'project'),
      ]).then(
        () => '',
        (error: { stdout?: string }) => error.stdout ?? String(error),
      );
      const missing = diff.trim().split('\n').filter(Boolean).sort();
      expect(missing).toEqual(
        [tree.fifo, ...tree.links.outside]
          .map((path) => {
            const slash = path.lastIndexOf('/');
            return `Only in ${join(sourceRoot, 'project', path.slice(0, slash))}: ${path.slice(slash + 1)}`;
          })
          .sort(),
      );

      // The page that was open through it all shows the end, with no reload.
      await page.locator('.badge', { hasText: 'succeeded' }).waitFor({ timeout: 60_000 });
      await page
        .getByText(`${finished.transfer.filesDone} of ${finished.transfer.filesTotal}`)
        .waitFor({ timeout: 30_000 });
      expect(await page.evaluate('window.neverReloaded')).toBe(true);
    }, 900_000);
  },
);

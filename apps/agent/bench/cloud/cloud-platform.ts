/**
 * The platform as a user runs it, for bench:cloud: a control plane process on its own database,
 * one real agent process (enrolled with the CLI) whose root holds the data set, and storage
 * locations for the local S3 server and Azurite. Transfers are made and watched through the API.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AgentListSchema,
  CreatedEnrolmentTokenSchema,
  ProjectSchema,
  StorageLocationSchema,
  type TransferDetail,
  TransferDetailSchema,
  TransferSchema,
} from '@tcpa/contracts';
import {
  connect,
  createBenchDatabase,
  redact,
  serverUrlFromEnv,
  upgradeToEnterprise,
} from '../../../server/bench/bench-database.ts';
import { progress } from '../../../server/bench/bench-main.ts';
import type { Cleanup } from '../../../server/bench/cleanup.ts';
import { apiRequest, signUp } from '../../../server/bench/seed.ts';
import { startServerProcess } from '../../../server/bench/server-process.ts';
import type { LocalAzurite } from '../../../server/test/support/local-azurite.ts';
import type { LocalS3 } from '../../../server/test/support/local-s3.ts';
import { buildAgentBundle } from '../../build-bundle.ts';
import { REPO_ROOT, startProcess } from '../bench-process.ts';

export interface CloudPlatform {
  agentId: string;
  s3LocationId: string;
  azureLocationId: string;
  /** Makes a transfer, waits until it ends; throws unless it succeeded. */
  transfer(body: Record<string, unknown>): Promise<{ seconds: number; detail: TransferDetail }>;
  agentPid: number;
  serverPid: number;
}

export async function startCloudPlatform(
  cleanup: Cleanup,
  agentRoot: string,
  stores: { s3: LocalS3; azurite: LocalAzurite },
): Promise<CloudPlatform> {
  const serverUrl = serverUrlFromEnv(process.env);
  const database = await createBenchDatabase(serverUrl);
  cleanup.add(`drop database ${database.name}`, () => database.drop());
  progress(`created database ${database.name} on ${redact(serverUrl)}`);
  const server = await startServerProcess(
    {
      databaseUrl: database.url,
      poolSize: 10,
      env: { OUTBOUND_ALLOW_HOSTS: '127.0.0.1', TCPA_SECRET_KEY: randomBytes(32).toString('base64') },
    },
    (started) => cleanup.add('stop the server', () => started.stop()),
  );
  const owner = await connect(database.url);
  cleanup.add('close the owner connection', () => owner.end());
  const session = await signUp(server.baseUrl);
  await upgradeToEnterprise(owner);
  const api = async (method: 'GET' | 'POST', path: string, body: unknown, expectStatus: number) =>
    JSON.parse(
      await apiRequest(server.baseUrl, method, path, {
        token: session.accessToken,
        ...(body === undefined ? {} : { body }),
        expectStatus,
      }),
    ) as unknown;
  const project = ProjectSchema.parse(await api('POST', '/api/v1/projects', { name: 'Cloud bench' }, 201));
  const { secret } = CreatedEnrolmentTokenSchema.parse(
    await api(
      'POST',
      `/api/v1/projects/${project.id}/enrolment-tokens`,
      { name: 'bench agent', preApproved: true, expiresInHours: 1 },
      201,
    ),
  );

  const stateDir = mkdtempSync(join(tmpdir(), 'tcpa-cloud-bench-agent-'));
  cleanup.add('remove the agent state folder', async () => rmSync(stateDir, { recursive: true, force: true }));
  // The bundle users install, in a folder of its own (the agent refuses roots around its program),
  // not the sources through tsx: what is measured is what runs, without tsx's compiling.
  const programDir = mkdtempSync(join(tmpdir(), 'tcpa-cloud-bench-program-'));
  cleanup.add('remove the agent program', async () => rmSync(programDir, { recursive: true, force: true }));
  const agentCli = join(programDir, 'bin', 'tcpa-agent.mjs');
  await buildAgentBundle(agentCli);
  execFileSync(
    process.execPath,
    [agentCli, 'enrol', '--server', server.baseUrl, '--token', secret, '--state-dir', stateDir].concat([
      '--name',
      'bench-agent',
      '--root',
      agentRoot,
    ]),
    { cwd: REPO_ROOT, stdio: 'pipe', timeout: 60_000 },
  );
  const agent = startProcess(cleanup, process.execPath, [agentCli, 'run', '--state-dir', stateDir]);
  const agentId = await waitForOnlineAgent(api, project.id);
  progress(`agent ${agentId} online, root ${agentRoot}`);

  const location = async (body: unknown) =>
    StorageLocationSchema.parse(await api('POST', `/api/v1/projects/${project.id}/storage-locations`, body, 201)).id;
  const s3LocationId = await location({
    kind: 's3',
    name: 'Local S3',
    bucket: stores.s3.bucket,
    region: stores.s3.region,
    endpoint: stores.s3.endpoint,
    forcePathStyle: true,
    credentials: { mode: 'access_key', ...stores.s3.credentials },
  });
  const azureLocationId = await location({
    kind: 'azure',
    name: 'Local Azurite',
    account: stores.azurite.accountName,
    container: stores.azurite.container,
    endpoint: stores.azurite.blobEndpoint,
    credentials: { mode: 'account_key', accountKey: stores.azurite.accountKey },
  });

  return {
    agentId,
    s3LocationId,
    azureLocationId,
    agentPid: agent.process.pid ?? 0,
    serverPid: server.pid,
    async transfer(body) {
      const started = performance.now();
      const created = TransferSchema.parse(await api('POST', `/api/v1/projects/${project.id}/transfers`, body, 201));
      for (;;) {
        const detail = TransferDetailSchema.parse(
          await api('GET', `/api/v1/projects/${project.id}/transfers/${created.id}`, undefined, 200),
        );
        const { state, stateReason } = detail.transfer;
        if (state === 'succeeded') return { seconds: (performance.now() - started) / 1000, detail };
        if (state === 'failed' || state === 'canceled') throw new Error(`the transfer ${state}: ${stateReason}`);
        await sleep(100);
      }
    },
  };
}

async function waitForOnlineAgent(
  api: (method: 'GET', path: string, body: undefined, status: number) => Promise<unknown>,
  projectId: string,
): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { agents } = AgentListSchema.parse(await api('GET', `/api/v1/projects/${projectId}/agents`, undefined, 200));
    const online = agents.find((agent) => agent.online);
    if (online) return online.id;
    await sleep(200);
  }
  throw new Error('the agent did not come online within 60 s');
}

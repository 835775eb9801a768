import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useAgentPlatform } from './agent-platform.ts';
import { type LocalAzurite, startLocalAzurite } from './support/local-azurite.ts';
import { type LocalS3, startLocalS3 } from './support/local-s3.ts';
import { waitUntil } from './wait-until.ts';

const WRONG_SECRET = 'SECRET-wrong-secret-for-the-test';

/** A port nothing listens on (fetch refuses the well-known closed ones such as 9 outright). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** "Test connection" end to end: a live control plane, a real agent process, s3rver and Azurite. */
describe('testing a storage location through a real agent', () => {
  const platform = useAgentPlatform('storage-test');
  const { api, agents } = platform;
  let s3: LocalS3;
  let azure: LocalAzurite;
  beforeAll(async () => {
    [s3, azure] = await Promise.all([startLocalS3(), startLocalAzurite()]);
  });
  afterAll(async () => {
    await Promise.all([s3?.close(), azure?.close()]);
  });

  const startAgent = async (name: string) => {
    const enrolled = await agents.enrol(platform.server, {
      token: platform.token,
      projectId: platform.projectId,
      name,
      root: await agents.tempDir(),
    });
    const process = agents.start(enrolled.dir);
    await waitUntil(`${name} online`, async () => (await api('GET', `/agents/${enrolled.agentId}`)).body.online);
    return { agentId: enrolled.agentId, process, stateDir: enrolled.dir };
  };
  /** Everything the agent keeps in its state folder, as text. */
  const stateText = async (stateDir: string) => {
    const files = await readdir(stateDir, { recursive: true, withFileTypes: true });
    const texts = await Promise.all(
      files.filter((file) => file.isFile()).map((file) => readFile(join(file.parentPath, file.name), 'latin1')),
    );
    return texts.join('\n');
  };
  const addS3 = async (name: string, overrides: { endpoint?: string; secretAccessKey?: string } = {}) => {
    const created = await api('POST', '/storage-locations', {
      kind: 's3',
      name,
      bucket: s3.bucket,
      region: s3.region,
      endpoint: overrides.endpoint ?? s3.endpoint,
      forcePathStyle: true,
      prefix: `tests/${name}`,
      credentials: {
        mode: 'access_key',
        accessKeyId: s3.credentials.accessKeyId,
        secretAccessKey: overrides.secretAccessKey ?? s3.credentials.secretAccessKey,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.id as string;
  };
  const test = (locationId: string, agentId: string) =>
    api('POST', `/storage-locations/${locationId}/test`, { agentId });
  const messages = (body: { steps: { step: string; message: string }[] }) =>
    Object.fromEntries(body.steps.map((step) => [step.step, step.message]));

  it('passes for a good S3 location, and leaves no test object behind', async () => {
    const { agentId } = await startAgent('tester');
    const locationId = await addS3('good');
    const answer = await test(locationId, agentId);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({
      ok: true,
      steps: [
        {
          step: 'credentials',
          ok: true,
          message: `the control plane listed s3://${s3.bucket}/tests/good/ with the location's credentials`,
        },
        {
          step: 'agent_upload',
          ok: true,
          message: `agent "tester" uploaded a test object to s3://${s3.bucket}/tests/good/`,
        },
        { step: 'agent_download', ok: true, message: 'agent "tester" read the test object back, byte for byte' },
      ],
    });
    const client = new S3Client({
      endpoint: s3.endpoint,
      region: s3.region,
      credentials: s3.credentials,
      forcePathStyle: true,
    });
    const left = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'tests/good/' }));
    client.destroy();
    expect(left.Contents ?? []).toEqual([]);
  });

  it('says the secret is wrong, at the control plane and at the agent, without showing it or a URL', async () => {
    const { agentId, stateDir } = await startAgent('wrong-secret');
    const locationId = await addS3('wrong', { secretAccessKey: WRONG_SECRET });
    const answer = await test(locationId, agentId);
    expect(answer.status).toBe(200);
    expect(answer.body.ok).toBe(false);
    expect(messages(answer.body)).toEqual({
      credentials: "S3 refused the location's credentials (SignatureDoesNotMatch): check the access key id and secret",
      agent_upload: expect.stringMatching(
        /^the store refused agent "wrong-secret"'s upload: 127\.0\.0\.1:\d+ answered 403 SignatureDoesNotMatch: check the credentials' permissions/,
      ),
      agent_download: 'agent "wrong-secret" did not try the download: its upload failed',
    });
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain('SECRET');
    expect(text).not.toMatch(/X-Amz-Signature|X-Amz-Credential|http:\/\//);
    const kept = await stateText(stateDir);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).not.toMatch(/X-Amz-Signature|SECRET|S3RVER/);
  });

  it('says what the agent could not reach', async () => {
    const { agentId } = await startAgent('unreachable');
    const port = await closedPort();
    const locationId = await addS3('nowhere', { endpoint: `http://127.0.0.1:${port}` });
    const answer = await test(locationId, agentId);
    expect(answer.status).toBe(200);
    expect(messages(answer.body)).toEqual({
      credentials: `could not reach S3 at 127.0.0.1:${port}: connection refused`,
      agent_upload: `agent "unreachable" could not reach 127.0.0.1:${port}: connection refused`,
      agent_download: 'agent "unreachable" did not try the download: its upload failed',
    });
  });

  it('passes for an Azure location signed with its account key', async () => {
    const { agentId } = await startAgent('azure-tester');
    const created = await api('POST', '/storage-locations', {
      kind: 'azure',
      name: 'Azurite',
      account: azure.accountName,
      container: azure.container,
      endpoint: azure.blobEndpoint,
      credentials: { mode: 'account_key', accountKey: azure.accountKey },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const answer = await test(created.body.id, agentId);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.ok, JSON.stringify(answer.body)).toBe(true);
    const blobs = [];
    for await (const blob of azure.serviceClient.getContainerClient(azure.container).listBlobsFlat())
      blobs.push(blob.name);
    expect(blobs).toEqual([]);
  });

  it('answers 409 when the agent is offline, 404 for an agent of no project of ours, and refuses unknown fields', async () => {
    const { agentId, process } = await startAgent('offline');
    const locationId = await addS3('offline');
    process.kill('SIGKILL');
    await waitUntil('offline seen', async () => !(await api('GET', `/agents/${agentId}`)).body.online, 20_000);
    const offline = await test(locationId, agentId);
    expect(offline.status).toBe(409);
    expect(offline.body.error.message).toBe('Agent "offline" is offline: it tests a location only while connected');

    const unknown = await test(locationId, '00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    const extra = await api('POST', `/storage-locations/${locationId}/test`, { agentId, url: 'http://elsewhere' });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body)).toContain('url');
  });

  it("says an 'agent' credentials location cannot be driven from the control plane", async () => {
    const { agentId } = await startAgent('instance');
    const created = await api('POST', '/storage-locations', {
      kind: 's3',
      name: 'Instance profile',
      bucket: s3.bucket,
      region: s3.region,
      credentials: { mode: 'agent' },
    });
    const answer = await test(created.body.id, agentId);
    expect(answer.status).toBe(200);
    expect(answer.body.ok).toBe(false);
    expect(messages(answer.body).credentials).toMatch(
      /"Instance profile" signs in with the agent's own instance credentials, which the control plane does not have/,
    );
  });
});

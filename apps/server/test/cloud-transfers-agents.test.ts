import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useAgentPlatform } from './agent-platform.ts';
import { type LocalS3, localS3Client, startLocalS3 } from './support/local-s3.ts';
import { waitUntil } from './wait-until.ts';

const MiB = 1024 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A folder up to an S3 bucket and back down, through a real agent process and a live control plane (s3rver). */
describe('cloud transfers through a real agent', () => {
  const platform = useAgentPlatform('cloud-xfer');
  const { api, agents } = platform;
  let s3: LocalS3;
  beforeAll(async () => {
    s3 = await startLocalS3();
  });
  afterAll(() => s3?.close());

  /** A real agent process on `root`, online, and an S3 location of the local server (with `prefix`, if given). */
  async function agentAndBucket(root: string, name: string, prefix?: string) {
    const enrolled = await agents.enrol(platform.server, {
      token: platform.token,
      projectId: platform.projectId,
      name,
      root,
    });
    agents.start(enrolled.dir);
    await waitUntil('agent online', async () => (await api('GET', `/agents/${enrolled.agentId}`)).body.online);
    const location = await api('POST', '/storage-locations', {
      kind: 's3',
      name: `${name} bucket`,
      bucket: s3.bucket,
      region: s3.region,
      endpoint: s3.endpoint,
      forcePathStyle: true,
      ...(prefix && { prefix }),
      credentials: { mode: 'access_key', ...s3.credentials },
    });
    expect(location.status, JSON.stringify(location.body)).toBe(201);
    return { enrolled, location };
  }

  it('uploads a folder (one file in parts) and downloads it again byte for byte', async () => {
    const root = await agents.tempDir();
    await mkdir(join(root, 'outgoing', 'deep'), { recursive: true });
    const big = randomBytes(17 * MiB + 123);
    const small = Buffer.from('a small file\n');
    await writeFile(join(root, 'outgoing', 'big.bin'), big);
    await writeFile(join(root, 'outgoing', 'deep', 'small.txt'), small);
    const { enrolled, location } = await agentAndBucket(root, 'mover', 'team');

    const upload = await api('POST', '/transfers', {
      sourceAgentId: enrolled.agentId,
      sourcePaths: ['outgoing'],
      destinationLocationId: location.body.id,
      destinationPrefix: 'backup',
    });
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);
    const uploaded = await platform.waitForState(upload.body.id, ['succeeded', 'failed'], 90_000);
    expect(uploaded.transfer, JSON.stringify(uploaded.transfer)).toMatchObject({ state: 'succeeded' });

    const download = await api('POST', '/transfers', {
      sourceLocationId: location.body.id,
      sourcePrefix: 'backup',
      destinationAgentId: enrolled.agentId,
      destinationDir: 'restored',
    });
    expect(download.status, JSON.stringify(download.body)).toBe(201);
    const downloaded = await platform.waitForState(download.body.id, ['succeeded', 'failed'], 90_000);
    expect(downloaded.transfer, JSON.stringify(downloaded.transfer)).toMatchObject({ state: 'succeeded' });
    // Hashes compared, not the buffers: a deep equality of 17 MiB ran the test worker out of memory.
    expect(sha256(await readFile(join(root, 'restored', 'outgoing', 'big.bin')))).toBe(sha256(big));
    expect(await readFile(join(root, 'restored', 'outgoing', 'deep', 'small.txt'), 'utf8')).toBe(small.toString());
  }, 240_000);

  it('runs a job that uploads only what changed since its last successful run', async () => {
    const root = await agents.tempDir();
    await mkdir(join(root, 'reports'), { recursive: true });
    for (const name of ['a.csv', 'b.csv', 'c.csv']) await writeFile(join(root, 'reports', name), `${name}\n`);
    const { enrolled, location } = await agentAndBucket(root, 'job runner');
    const job = await api('POST', '/jobs', {
      name: 'reports to the bucket',
      sourceAgentId: enrolled.agentId,
      sourcePaths: ['reports'],
      destinationLocationId: location.body.id,
      destinationPrefix: 'by-job',
      filters: { changedSinceLastRun: true },
    });
    expect(job.status, JSON.stringify(job.body)).toBe(201);
    const runOnce = async () => {
      const run = await api('POST', `/jobs/${job.body.id}/run`);
      expect(run.status, JSON.stringify(run.body)).toBe(201);
      const ended = await platform.waitForState(run.body.transferId, ['succeeded', 'failed'], 60_000);
      expect(ended.transfer, JSON.stringify(ended.transfer)).toMatchObject({ state: 'succeeded' });
      const runs = await api('GET', `/jobs/${job.body.id}/runs`);
      return runs.body.runs.find((candidate: { id: string }) => candidate.id === run.body.id);
    };
    expect(await runOnce()).toMatchObject({ status: 'succeeded', filesCopied: 3 });
    await writeFile(join(root, 'reports', 'b.csv'), 'b, changed\n');
    expect(await runOnce()).toMatchObject({ status: 'succeeded', filesCopied: 1 });
    const listed = await localS3Client(s3).send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'by-job/' }));
    expect((listed.Contents ?? []).map((object) => object.Key).sort()).toEqual([
      'by-job/reports/a.csv',
      'by-job/reports/b.csv',
      'by-job/reports/c.csv',
    ]);
  }, 120_000);
});

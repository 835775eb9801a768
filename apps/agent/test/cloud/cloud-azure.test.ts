import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treeDigest } from '../../../../test/tree-digest.ts';
import { type LocalAzurite, startLocalAzurite } from '../../../server/test/support/local-azurite.ts';
import { azureControlDouble } from '../support/azure-control-double.ts';
import { cloudTestRunner, outcomeOf } from '../support/cloud-runner.ts';
import { useTempDirs } from '../support/temp-dir.ts';

const tempDir = useTempDirs();
const MIB = 1024 * 1024;

let azure: LocalAzurite;
beforeAll(async () => {
  azure = await startLocalAzurite();
});
afterAll(async () => {
  await azure?.close();
});

describe('cloud transfers against Azurite', () => {
  it('uploads blocks with Content-MD5 and small blobs, keeps the SHA-256 as metadata, and downloads byte-exact', async () => {
    const root = tempDir();
    const stateDir = tempDir();
    const tree = join(root, 'photos');
    mkdirSync(join(tree, 'été 2026'), { recursive: true });
    const big = randomBytes(12 * MIB + 123);
    writeFileSync(join(tree, 'big one.bin'), big);
    for (let index = 0; index < 40; index++) {
      writeFileSync(join(tree, 'été 2026', `img ${index} (ü).jpg`), index === 0 ? '' : randomBytes(index * 100));
    }
    const double = azureControlDouble(azure, `az-${randomUUID()}/`);
    const { start, reported, logLines } = cloudTestRunner(stateDir, [root], double);
    const uploadId = randomUUID();
    start({
      transferId: uploadId,
      direction: 'upload',
      sourcePaths: ['photos'],
      storeLabel: 'azure://account/container',
    });
    const upload = await outcomeOf(reported, uploadId);
    expect(upload.outcome, upload.outcome.reason).toMatchObject({ state: 'succeeded' });
    expect(upload.files.filter((file) => file.status === 'done')).toHaveLength(41);
    const blocks = double.seen.flatMap((message) =>
      message.operation.op === 'part_urls' ? message.operation.parts : [],
    );
    expect(blocks).toHaveLength(3);
    const properties = await double.container.getBlobClient(`${double.prefix}photos/big one.bin`).getProperties();
    expect(properties.metadata?.sha256).toBe(createHash('sha256').update(big).digest('hex'));

    mkdirSync(join(root, 'back'));
    const downloadId = randomUUID();
    start({
      transferId: downloadId,
      direction: 'download',
      destinationDir: 'back',
      storeLabel: 'azure://account/container',
    });
    const download = await outcomeOf(reported, downloadId);
    expect(download.outcome, download.outcome.reason).toMatchObject({ state: 'succeeded' });
    expect(await treeDigest(join(root, 'back', 'photos'))).toEqual(await treeDigest(tree));

    const secrets = [azure.accountKey, 'sig=', azure.blobEndpoint];
    expect(logLines.filter((line) => secrets.some((secret) => line.includes(secret)))).toEqual([]);
    for (const name of readdirSync(stateDir, { recursive: true }) as string[]) {
      const text = (() => {
        try {
          return readFileSync(join(stateDir, name), 'latin1');
        } catch {
          return ''; // a folder
        }
      })();
      expect(
        secrets.filter((secret) => text.includes(secret)),
        name,
      ).toEqual([]);
    }
  }, 120_000);
});

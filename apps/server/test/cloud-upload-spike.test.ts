// Spike for issue 18: the control plane holds the store's keys and mints short-lived access per
// part (S3 presigned UploadPart URLs, an Azure service SAS); an agent moves the bytes with plain
// fetch, parts in parallel, a checksum per part, and resumes from its journal of finished parts.
// It shows what the local servers check (s3rver through the checking proxy); see
// notes/cloud-research.md.
import { createHash, randomBytes } from 'node:crypto';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  BlobSASPermissions,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalAzurite, startLocalAzurite } from './support/local-azurite.ts';
import { type LocalS3, localS3Client, startLocalS3 } from './support/local-s3.ts';

const partSize = 5 * 1024 * 1024;
const file = randomBytes(3 * partSize);
const parts = [1, 2, 3].map((partNumber) => file.subarray((partNumber - 1) * partSize, partNumber * partSize));
const sha256Base64 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64');
const md5Base64 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('base64');

describe('S3 multipart upload through presigned part URLs (s3rver)', () => {
  let s3: LocalS3;
  let client: S3Client;
  beforeAll(async () => {
    s3 = await startLocalS3();
    client = localS3Client(s3);
  });
  afterAll(async () => {
    client?.destroy();
    await s3?.close();
  });

  /** What the control plane would send the agent: one URL per part, bound to that part's SHA-256. */
  async function presignPart(key: string, uploadId: string, partNumber: number, checksum: string) {
    const command = new UploadPartCommand({
      Bucket: s3.bucket,
      Key: key,
      UploadId: uploadId,
      PartNumber: partNumber,
      ChecksumSHA256: checksum,
    });
    // Kept as a signed header rather than hoisted into the query: the store checks the header.
    return getSignedUrl(client, command, { expiresIn: 900, unhoistableHeaders: new Set(['x-amz-checksum-sha256']) });
  }

  /** What the agent does with one: a plain PUT, no SDK, no key. */
  async function putPart(url: string, bytes: Uint8Array, checksum: string) {
    const response = await fetch(url, { method: 'PUT', body: bytes, headers: { 'x-amz-checksum-sha256': checksum } });
    return { status: response.status, etag: response.headers.get('etag'), body: await response.text() };
  }

  it('uploads three parts in parallel with fetch, resumes from the journal after losing one, and reads back byte-exact', async () => {
    const key = 'spike/three-parts.bin';
    const created = await client.send(
      new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: key, ChecksumAlgorithm: 'SHA256' }),
    );
    const uploadId = created.UploadId as string;
    const checksums = parts.map(sha256Base64);
    const urls = await Promise.all(
      parts.map((_, index) => presignPart(key, uploadId, index + 1, checksums[index] as string)),
    );
    expect(new URL(urls[0] as string).searchParams.get('X-Amz-SignedHeaders')).toContain('x-amz-checksum-sha256');

    // Parts 1 and 3 land; part 2 is "lost" (the agent was killed before it finished).
    const journal = new Map<number, { etag: string; checksum: string }>();
    await Promise.all(
      [1, 3].map(async (partNumber) => {
        const index = partNumber - 1;
        const result = await putPart(urls[index] as string, parts[index] as Buffer, checksums[index] as string);
        expect(result.status, result.body).toBe(200);
        journal.set(partNumber, { etag: result.etag as string, checksum: checksums[index] as string });
      }),
    );

    // ListParts would let the agent check its journal against the store; s3rver does not implement it.
    await expect(
      client.send(new ListPartsCommand({ Bucket: s3.bucket, Key: key, UploadId: uploadId })),
    ).rejects.toThrow(/not allowed|MethodNotAllowed|NotImplemented/i);

    // Resume: the same upload id, only the part missing from the journal is sent again.
    const missing = [1, 2, 3].filter((partNumber) => !journal.has(partNumber));
    expect(missing).toEqual([2]);
    const resumed = await putPart(
      await presignPart(key, uploadId, 2, checksums[1] as string),
      parts[1] as Buffer,
      checksums[1] as string,
    );
    expect(resumed.status, resumed.body).toBe(200);
    journal.set(2, { etag: resumed.etag as string, checksum: checksums[1] as string });

    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: s3.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: {
          Parts: [...journal].sort(([a], [b]) => a - b).map(([PartNumber, part]) => ({ PartNumber, ETag: part.etag })),
        },
      }),
    );

    // Download with ranged GETs through presigned URLs, in parallel, as an agent would.
    const getUrl = await getSignedUrl(client, new GetObjectCommand({ Bucket: s3.bucket, Key: key }), {
      expiresIn: 900,
    });
    const ranges = await Promise.all(
      [0, 1, 2].map(async (index) => {
        const response = await fetch(getUrl, {
          headers: { range: `bytes=${index * partSize}-${(index + 1) * partSize - 1}` },
        });
        expect(response.status).toBe(206);
        return Buffer.from(await response.arrayBuffer());
      }),
    );
    expect(Buffer.concat(ranges).equals(file)).toBe(true);
  });

  // s3rver itself checks none of these; the proxy local-s3.ts puts in front of it does.
  it('refuses a checksum header other than the signed one, a corrupt part, a wrong secret, a tampered URL and an unsigned request', async () => {
    const key = 'spike/checked.bin';
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: key }));
    const part = parts[0] as Buffer;
    const url = await presignPart(key, UploadId as string, 1, sha256Base64(part));

    const otherHeader = await putPart(url, part, sha256Base64(parts[1] as Buffer));
    expect(otherHeader.status).toBe(403);
    expect(otherHeader.body).toContain('SignatureDoesNotMatch');

    const good = await putPart(url, part, sha256Base64(part));
    expect(good.status, good.body).toBe(200);

    const corrupt = Buffer.from(part);
    corrupt[0] = (corrupt[0] as number) ^ 0xff;
    const corruptPart = await putPart(url, corrupt, sha256Base64(part));
    expect(corruptPart.status).toBe(400);
    expect(corruptPart.body).toContain('BadDigest');

    const tampered = url.replace(
      /X-Amz-Signature=([0-9a-f])/,
      (_, first) => `X-Amz-Signature=${first === '0' ? '1' : '0'}`,
    );
    const tamperedPart = await putPart(tampered, part, sha256Base64(part));
    expect(tamperedPart.status).toBe(403);
    expect(tamperedPart.body).toContain('SignatureDoesNotMatch');

    const unsigned = await fetch(`${s3.endpoint}/${s3.bucket}/spike/unsigned`, { method: 'PUT', body: 'x' });
    expect(unsigned.status).toBe(403);

    const wrongSecret = localS3Client(s3, {
      accessKeyId: s3.credentials.accessKeyId,
      secretAccessKey: 'not-the-secret',
    });
    await expect(
      wrongSecret.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'spike/wrong-secret', Body: 'x' })),
    ).rejects.toThrow(/signature we calculated does not match/);
    wrongSecret.destroy();

    // The refused corrupt part did not replace the good one sent before it.
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: s3.bucket,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: good.etag as string }] },
      }),
    );
    const stored = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    expect(
      Buffer.from(await (stored.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray()).equals(
        part,
      ),
    ).toBe(true);
  });

  it('refuses an expired part URL and an unknown access key id', async () => {
    const key = 'spike/expired.bin';
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: s3.bucket, Key: key }));
    const url = await getSignedUrl(
      client,
      new UploadPartCommand({ Bucket: s3.bucket, Key: key, UploadId, PartNumber: 1 }),
      { expiresIn: 1 },
    );
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const expired = await fetch(url, { method: 'PUT', body: parts[0] as Buffer });
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');

    const unknownKey = new S3Client({
      endpoint: s3.endpoint,
      region: s3.region,
      credentials: { accessKeyId: 'AKIA-NOT-KNOWN', secretAccessKey: s3.credentials.secretAccessKey },
      forcePathStyle: true,
    });
    await expect(
      unknownKey.send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'spike/unknown-key', Body: 'x' })),
    ).rejects.toThrow(/Access Key Id you provided does not exist/);
    unknownKey.destroy();
  });

  it('pages ListObjectsV2 with continuation tokens', async () => {
    const keys = Array.from({ length: 7 }, (_, index) => `listing/file-${index}.txt`);
    for (const key of keys) await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: key }));
    const seen: string[] = [];
    let pages = 0;
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'listing/', MaxKeys: 3, ContinuationToken: token }),
      );
      pages += 1;
      seen.push(...(page.Contents ?? []).map((object) => object.Key as string));
      token = page.NextContinuationToken;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(keys);
  });
});

describe('Azure block blob upload through a service SAS (Azurite)', () => {
  let azure: LocalAzurite;
  beforeAll(async () => {
    azure = await startLocalAzurite();
  });
  afterAll(async () => {
    await azure?.close();
  });

  /** What the control plane would send the agent: a SAS for this one blob, short-lived. */
  function blobUrlWithSas(blobName: string, permissions: string) {
    const sas = generateBlobSASQueryParameters(
      {
        containerName: azure.container,
        blobName,
        permissions: BlobSASPermissions.parse(permissions),
        expiresOn: new Date(Date.now() + 15 * 60 * 1000),
        protocol: SASProtocol.HttpsAndHttp,
      },
      new StorageSharedKeyCredential(azure.accountName, azure.accountKey),
    );
    return `${azure.blobEndpoint}/${azure.container}/${blobName}?${sas.toString()}`;
  }
  // Block ids must all have the same length before base64.
  const blockId = (partNumber: number) => Buffer.from(`part-${String(partNumber).padStart(5, '0')}`).toString('base64');
  const putBlock = (url: string, partNumber: number, bytes: Uint8Array, contentMd5: string) =>
    fetch(`${url}&comp=block&blockid=${encodeURIComponent(blockId(partNumber))}`, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-md5': contentMd5 },
    });

  it('puts three blocks in parallel with Content-MD5, resumes from the uncommitted block list, commits and reads back', async () => {
    const blobName = 'spike/three-blocks.bin';
    const writeUrl = blobUrlWithSas(blobName, 'cw');

    // Blocks 1 and 3 land; block 2 is "lost".
    const landed = await Promise.all(
      [1, 3].map((partNumber) =>
        putBlock(writeUrl, partNumber, parts[partNumber - 1] as Buffer, md5Base64(parts[partNumber - 1] as Buffer)),
      ),
    );
    for (const response of landed) expect(response.status, await response.text()).toBe(201);

    // Azure's ListParts: the uncommitted blocks, read with the blob's key-holding client.
    const blob = azure.serviceClient.getContainerClient(azure.container).getBlockBlobClient(blobName);
    const uncommitted = await blob.getBlockList('uncommitted');
    const stored = new Set((uncommitted.uncommittedBlocks ?? []).map((block) => block.name));
    expect(stored).toEqual(new Set([blockId(1), blockId(3)]));
    const missing = [1, 2, 3].filter((partNumber) => !stored.has(blockId(partNumber)));
    expect(missing).toEqual([2]);
    const resumed = await putBlock(writeUrl, 2, parts[1] as Buffer, md5Base64(parts[1] as Buffer));
    expect(resumed.status, await resumed.text()).toBe(201);

    const blockList = `<?xml version="1.0" encoding="utf-8"?><BlockList>${[1, 2, 3]
      .map((partNumber) => `<Latest>${blockId(partNumber)}</Latest>`)
      .join('')}</BlockList>`;
    const committed = await fetch(`${writeUrl}&comp=blocklist`, {
      method: 'PUT',
      body: blockList,
      headers: { 'x-ms-meta-sha256': createHash('sha256').update(file).digest('hex') },
    });
    expect(committed.status, await committed.text()).toBe(201);

    const readUrl = blobUrlWithSas(blobName, 'r');
    const ranges = await Promise.all(
      [0, 1, 2].map(async (index) => {
        const response = await fetch(readUrl, {
          headers: { range: `bytes=${index * partSize}-${(index + 1) * partSize - 1}` },
        });
        expect(response.status).toBe(206);
        return Buffer.from(await response.arrayBuffer());
      }),
    );
    expect(Buffer.concat(ranges).equals(file)).toBe(true);
    const properties = await blob.getProperties();
    expect(properties.metadata?.sha256).toBe(createHash('sha256').update(file).digest('hex'));
  });

  it('refuses a block whose bytes do not match its Content-MD5, a write through a read-only SAS and a forged SAS', async () => {
    const blobName = 'spike/bad-md5.bin';
    const part = parts[0] as Buffer;
    const mismatch = await putBlock(blobUrlWithSas(blobName, 'cw'), 1, part, md5Base64(parts[1] as Buffer));
    expect(mismatch.status).toBe(400);
    // Azure's code is Md5Mismatch; Azurite answers InvalidOperation with this message.
    expect(await mismatch.text()).toContain("Provided contentMD5 doesn't match");

    const readOnly = await putBlock(blobUrlWithSas(blobName, 'r'), 1, part, md5Base64(part));
    expect(readOnly.status).toBe(403);

    const forged = blobUrlWithSas(blobName, 'cw').replace(/sig=[^&]+/, `sig=${encodeURIComponent(md5Base64(part))}`);
    const forgedResponse = await putBlock(forged, 1, part, md5Base64(part));
    expect(forgedResponse.status).toBe(403);
    expect(await forgedResponse.text()).toContain('AuthorizationFailure');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Store } from '../src/features/storage/s3-store.ts';
import { type CloudStoreContract, describeCloudStore } from './support/cloud-store-contract.ts';
import { type LocalS3, startLocalS3 } from './support/local-s3.ts';

/** The S3 store against s3rver behind the signature-checking proxy; GCS's HMAC mode is the same code. */
describe('S3 store (s3rver)', () => {
  let s3: LocalS3;
  const stores: { close(): void }[] = [];
  const open = (overrides: { bucket?: string; secretAccessKey?: string; provider?: 'S3' | 'GCS' } = {}) => {
    const store = createS3Store({
      bucket: overrides.bucket ?? s3.bucket,
      region: overrides.provider === 'GCS' ? 'auto' : s3.region,
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: {
        accessKeyId: s3.credentials.accessKeyId,
        secretAccessKey: overrides.secretAccessKey ?? s3.credentials.secretAccessKey,
      },
      provider: overrides.provider,
    });
    stores.push(store);
    return store;
  };
  beforeAll(async () => {
    s3 = await startLocalS3();
  });
  afterAll(async () => {
    for (const store of stores) store.close();
    await s3?.close();
  });

  const contract: CloudStoreContract = {
    store: () => open(),
    wrongCredentials: () => open({ secretAccessKey: 'not-the-secret' }),
    missingBucket: () => open({ bucket: 'no-such-bucket' }),
    credentialsWords:
      /S3 refused the location's credentials \(SignatureDoesNotMatch\): check the access key id and secret/,
    missingBucketWords: /S3 has no bucket no-such-bucket/,
    sha256Header: 'x-amz-meta-sha256',
  };
  describeCloudStore(contract);

  it('labels a GCS bucket reached with HMAC keys as gs:// and words its errors as GCS', async () => {
    const gcs = open({ provider: 'GCS', bucket: 'no-such-bucket' });
    expect(gcs.label).toBe('gs://no-such-bucket/');
    await expect(gcs.check('')).rejects.toMatchObject({ code: 'not_found', message: /GCS has no bucket/ });
    const good = open({ provider: 'GCS' });
    await expect(good.check('')).resolves.toBeUndefined();
  });

  it('says an unreachable endpoint is unreachable, naming host and port only', async () => {
    const store = createS3Store({
      bucket: 'b',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      forcePathStyle: true,
      credentials: { accessKeyId: 'a', secretAccessKey: 'SECRET-never-shown' },
    });
    stores.push(store);
    const error = await store.check('').catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'unavailable',
      message: 'could not reach S3 at 127.0.0.1:9: connection refused',
    });
  });
});

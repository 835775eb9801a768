import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGcsStore } from '../src/features/storage/gcs-store.ts';
import { send } from './support/cloud-store-contract.ts';
import { type GcsDouble, startGcsDouble } from './support/gcs-double.ts';

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const keyPair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const inAnHour = () => Date.now() + 3600_000;

/** The native GCS client (service account key) against a local double at its apiEndpoint. */
describe('GCS store with a service account (local double at the SDK endpoint)', () => {
  const { privateKey, publicKey } = keyPair();
  let gcs: GcsDouble;
  const open = (bucket = 'tcpa-gcs', key = privateKey) =>
    createGcsStore({
      bucket,
      serviceAccount: {
        client_email: 'uploader@tcpa-test.iam.gserviceaccount.com',
        private_key: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
      apiEndpoint: gcs.endpoint,
    });
  beforeAll(async () => {
    gcs = await startGcsDouble('tcpa-gcs', publicKey);
  });
  afterAll(() => gcs?.close());

  it('puts through a V4 signed URL with the SHA-256 as signed metadata, stats, lists in pages and reads back ranges', async () => {
    const store = open();
    const bytes = randomBytes(300_000);
    const hex = sha256Hex(bytes);
    const [put] = await store.presignPut(
      [{ key: 'tree/a b.bin', sizeBytes: bytes.length, sha256Hex: hex }],
      inAnHour(),
    );
    const signed = new URL(put?.request.url ?? '');
    expect(signed.pathname).toBe('/tcpa-gcs/tree/a%20b.bin');
    expect(signed.searchParams.get('X-Goog-Algorithm')).toBe('GOOG4-RSA-SHA256');
    expect(signed.searchParams.get('X-Goog-SignedHeaders')).toBe('host;x-goog-meta-sha256');
    expect(put?.request.headers).toEqual({ 'x-goog-meta-sha256': hex });
    expect((await send(store, put?.request as never, bytes)).status).toBe(200);
    expect(gcs.objects.get('tree/a b.bin')?.metadata).toEqual({ sha256: hex });

    // The signed header is checked: other metadata than was signed is refused.
    const tampered = await fetch(put?.request.url ?? '', {
      method: 'PUT',
      body: bytes,
      headers: { 'x-goog-meta-sha256': '0'.repeat(64) },
    });
    expect(tampered.status).toBe(403);

    for (const name of ['c', 'd', 'e']) {
      const [more] = await store.presignPut(
        [{ key: `tree/${name}`, sizeBytes: 1, sha256Hex: sha256Hex(Buffer.from(name)) }],
        inAnHour(),
      );
      expect((await send(store, more?.request as never, Buffer.from(name))).status).toBe(200);
    }
    expect(await store.stat(['tree/a b.bin', 'tree/none'])).toEqual([
      { key: 'tree/a b.bin', exists: true, sizeBytes: bytes.length, sha256Hex: hex },
      { key: 'tree/none', exists: false, sizeBytes: null, sha256Hex: null },
    ]);
    const first = await store.list('tree/', null, 2);
    expect(first.objects.map((object) => object.key)).toEqual(['a b.bin', 'c']);
    const second = await store.list('tree/', first.cursor, 2);
    expect(second).toMatchObject({ objects: [{ key: 'd' }, { key: 'e' }], cursor: null });
    const listCall = gcs.requests.find((request) => request.url.includes('pageToken'));
    expect(new URL(listCall?.url ?? '', 'http://x').searchParams.get('maxResults')).toBe('2');

    const [get] = await store.presignGet(['tree/a b.bin'], inAnHour());
    const halves = await Promise.all(
      ['bytes=0-149999', 'bytes=150000-299999'].map(async (range) => {
        const response = await send(store, get?.request as never, undefined, range);
        expect(response.status).toBe(206);
        expect(response.headers.get(store.sha256Header)).toBe(hex);
        return Buffer.from(await response.arrayBuffer());
      }),
    );
    expect(Buffer.concat(halves).equals(bytes)).toBe(true);

    expect(await store.delete(['tree/c', 'tree/never'])).toBe(2);
    expect([...gcs.objects.keys()].sort()).toEqual(['tree/a b.bin', 'tree/d', 'tree/e']);
  });

  it('says a URL signed with another key is refused, a missing bucket is missing, and that it takes no parts', async () => {
    const other = open('tcpa-gcs', keyPair().privateKey);
    const [put] = await other.presignPut(
      [{ key: 'x', sizeBytes: 1, sha256Hex: sha256Hex(Buffer.from('x')) }],
      inAnHour(),
    );
    const refused = await send(other, put?.request as never, Buffer.from('x'));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('SignatureDoesNotMatch');

    await expect(open('no-such-bucket').check('')).rejects.toMatchObject({
      code: 'not_found',
      message: 'GCS has no bucket no-such-bucket: check its name (and the region or account) in the location',
    });
    expect(open().singlePutMaxBytes).toBe(5 * 1024 ** 4);
    await expect(open().createMultipart('big', '0'.repeat(64))).rejects.toMatchObject({
      code: 'invalid',
      message: /one signed PUT \(up to 5 TiB\)/,
    });
  });
});

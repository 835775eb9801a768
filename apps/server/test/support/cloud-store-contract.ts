import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { CloudHttpRequest } from '@tcpa/contracts';
import { expect, it } from 'vitest';
import type { CloudStore } from '../../src/features/storage/cloud-store.ts';

/** One store of a kind, wired to a real local server, and what its failures must say. */
export interface CloudStoreContract {
  store(): CloudStore;
  wrongCredentials(): CloudStore;
  missingBucket(): CloudStore;
  credentialsWords: RegExp;
  missingBucketWords: RegExp;
  sha256Header: string;
}

const PART = 5 * 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes);
const inAnHour = () => Date.now() + 3600_000;

/** What an agent does with a request it was handed: plain fetch, the headers as given, no key. */
export async function send(store: CloudStore, request: CloudHttpRequest, body?: Uint8Array, range?: string) {
  const headers: Record<string, string> = { ...request.headers };
  if (body && store.partChecksum === 'content-md5')
    headers['content-md5'] = createHash('md5').update(body).digest('base64');
  if (range) headers.range = range;
  return fetch(request.url, { method: request.method, headers, body });
}

/** The same checks for every CloudStore: what transfers rely on, against the kind's local server. */
export function describeCloudStore(contract: CloudStoreContract) {
  const prefix = `contract-${randomUUID()}/`;

  it('puts whole objects with their SHA-256 as metadata, stats them and reads them back', async () => {
    const store = contract.store();
    const bytes = randomBytes(1000);
    const hex = sha256(bytes).digest('hex');
    const [put] = await store.presignPut(
      [{ key: `${prefix}small.bin`, sizeBytes: bytes.length, sha256Hex: hex }],
      inAnHour(),
    );
    if (!put) throw new Error('no request');
    expect(put.request.url).not.toContain('SECRET');
    const stored = await send(store, put.request, bytes);
    expect(stored.status, await stored.text()).toBeLessThan(300);

    const [stat, missing] = await store.stat([`${prefix}small.bin`, `${prefix}absent.bin`]);
    expect(stat).toEqual({ key: `${prefix}small.bin`, exists: true, sizeBytes: 1000, sha256Hex: hex });
    expect(missing).toEqual({ key: `${prefix}absent.bin`, exists: false, sizeBytes: null, sha256Hex: null });

    const [get] = await store.presignGet([`${prefix}small.bin`], inAnHour());
    const read = await send(store, get?.request as CloudHttpRequest);
    expect(read.status).toBe(200);
    expect(read.headers.get(contract.sha256Header)).toBe(hex);
    expect(Buffer.from(await read.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('stats a batch of one folder: those stored with their SHA-256, the others absent, a subfolder apart', async () => {
    const store = contract.store();
    const folder = `${prefix}batch/`;
    // Odd names on purpose: stores order keys by UTF-8 bytes, where "\u{1F600}" sorts after "\uFFFD".
    const names = ['a.txt', 'b c.txt', 'b-c.txt', 'd\uFFFD.txt', 'd\u{1F600}.txt', 'e.txt', 'f.txt', 'g.txt'];
    const stored = new Map<string, string>();
    for (const name of [names[1], names[4], names[7], 'sub/a.txt'] as string[]) {
      const bytes = randomBytes(10 + name.length);
      const [put] = await store.presignPut(
        [{ key: folder + name, sizeBytes: bytes.length, sha256Hex: sha256(bytes).digest('hex') }],
        inAnHour(),
      );
      expect((await send(store, put?.request as CloudHttpRequest, bytes)).status).toBeLessThan(300);
      stored.set(folder + name, sha256(bytes).digest('hex'));
    }
    const keys = [...names, 'sub/a.txt', 'sub/b.txt'].map((name) => folder + name);
    const stats = await store.stat(keys);
    expect(stats.map((stat) => stat.key)).toEqual(keys);
    for (const stat of stats) {
      const hex = stored.get(stat.key);
      expect(stat, stat.key).toEqual(
        hex
          ? { key: stat.key, exists: true, sizeBytes: 10 + stat.key.slice(folder.length).length, sha256Hex: hex }
          : { key: stat.key, exists: false, sizeBytes: null, sha256Hex: null },
      );
    }
  });

  it('refuses a whole-object PUT whose bytes are not those it was signed for', async () => {
    const store = contract.store();
    const bytes = randomBytes(1000);
    const hex = sha256(bytes).digest('hex');
    const [put] = await store.presignPut(
      [{ key: `${prefix}corrupt.bin`, sizeBytes: 1000, sha256Hex: hex }],
      inAnHour(),
    );
    const other = randomBytes(1000);
    const refused = await send(store, put?.request as CloudHttpRequest, other);
    if (store.partChecksum === 'sha256') {
      expect(refused.status).toBeGreaterThanOrEqual(400);
      const [stat] = await store.stat([`${prefix}corrupt.bin`]);
      expect(stat?.exists).toBe(false);
    } else {
      // Azure checks Content-MD5, which the agent computes from what it sends: the SHA-256 is checked on download.
      expect(refused.status).toBe(201);
    }
  });

  it('uploads three parts in parallel, completes, and reads back byte-exact with ranged GETs', async () => {
    const store = contract.store();
    const key = `${prefix}big/three-parts.bin`;
    const file = randomBytes(2 * PART + 1024 * 1024);
    const hex = sha256(file).digest('hex');
    const parts = [0, 1, 2].map((index) => file.subarray(index * PART, Math.min((index + 1) * PART, file.length)));
    const uploadId = await store.createMultipart(key, hex);
    const requests = await store.presignParts(
      key,
      uploadId,
      parts.map((part, index) => ({ partNumber: index + 1, sha256Base64: sha256(part).digest('base64') })),
      inAnHour(),
    );
    expect(requests.map((request) => request.partNumber)).toEqual([1, 2, 3]);
    const done = await Promise.all(
      requests.map(async ({ partNumber, request }) => {
        const response = await send(store, request, parts[partNumber - 1]);
        expect(response.status, await response.text()).toBeLessThan(300);
        const part = parts[partNumber - 1] as Buffer;
        return { partNumber, etag: response.headers.get('etag') ?? '', sha256Base64: sha256(part).digest('base64') };
      }),
    );
    await store.completeMultipart(key, uploadId, hex, done);

    const [get] = await store.presignGet([key], inAnHour());
    const request = get?.request as CloudHttpRequest;
    const ranges = await Promise.all(
      [0, 1, 2].map(async (index) => {
        const end = Math.min((index + 1) * PART, file.length) - 1;
        const response = await send(store, request, undefined, `bytes=${index * PART}-${end}`);
        expect(response.status).toBe(206);
        expect(response.headers.get(contract.sha256Header)).toBe(hex);
        return Buffer.from(await response.arrayBuffer());
      }),
    );
    expect(Buffer.concat(ranges).equals(file)).toBe(true);
    const [stat] = await store.stat([key]);
    expect(stat).toMatchObject({ exists: true, sizeBytes: file.length, sha256Hex: hex });
  });

  it('lists a prefix in pages, keys relative to it, and deletes', async () => {
    const store = contract.store();
    const listed = `${prefix}listed/`;
    const names = Array.from({ length: 7 }, (_, index) => `file-${index}.txt`);
    const puts = await store.presignPut(
      names.map((name) => ({
        key: `${listed}${name}`,
        sizeBytes: 1,
        sha256Hex: sha256(Buffer.from('x')).digest('hex'),
      })),
      inAnHour(),
    );
    for (const put of puts) expect((await send(store, put.request, Buffer.from('x'))).status).toBeLessThan(300);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<CloudStore['list']>> = await store.list(listed, cursor, 3);
      pages++;
      for (const object of page.objects) {
        expect(object.sizeBytes).toBe(1);
        expect(object.lastModifiedMs).toBeGreaterThan(Date.now() - 3600_000);
      }
      seen.push(...page.objects.map((object) => object.key));
      cursor = page.cursor;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(names);

    expect(await store.delete([`${listed}file-0.txt`, `${listed}file-1.txt`, `${listed}never-there.txt`])).toBe(3);
    const after = await store.list(listed, null, 100);
    expect(after.objects.map((object) => object.key)).toEqual(names.slice(2));
  });

  it('checks a good location, and says which of credentials or bucket is wrong', async () => {
    await expect(contract.store().check(prefix)).resolves.toBeUndefined();
    const wrong = await contract
      .wrongCredentials()
      .check(prefix)
      .catch((error: unknown) => error);
    expect(wrong).toMatchObject({ name: 'CloudStoreError', code: 'credentials', message: contract.credentialsWords });
    const missing = await contract
      .missingBucket()
      .check(prefix)
      .catch((error: unknown) => error);
    expect(missing).toMatchObject({ name: 'CloudStoreError', code: 'not_found', message: contract.missingBucketWords });
  });
}

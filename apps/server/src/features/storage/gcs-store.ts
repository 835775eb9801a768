import { Storage } from '@google-cloud/storage';
import type { CloudHttpRequest } from '@tcpa/contracts';
import { type CloudStore, CloudStoreError } from './cloud-store.ts';
import { sha256HexOrNull } from './presign-times.ts';
import { type StoreContext, toCloudStoreError } from './store-errors.ts';

export interface GcsStoreOptions {
  bucket: string;
  /** The key file as downloaded (client_email and private_key are what is used). */
  serviceAccount: { client_email: string; private_key: string; project_id?: unknown };
  /** Google's own when undefined; signed URLs point at it too. */
  apiEndpoint?: string;
  /** The location's prefix, for the label only. */
  prefix?: string;
}

export const GCS_SHA256_HEADER = 'x-goog-meta-sha256';
/** GCS's largest object, which one signed PUT may carry. */
export const GCS_MAX_PUT_BYTES = 5 * 1024 ** 4;
const DELETE_CONCURRENCY = 16;
const V4_MAX_SECONDS = 7 * 24 * 3600;

/**
 * A CloudStore over a GCS bucket with a service account's key, through Google's SDK: V4 signed
 * URLs for PUT and GET, the JSON API for the rest. No multipart: the SDK signs no POST for the
 * XML API's multipart upload, so each file goes as one signed PUT (up to 5 TiB), and
 * `createMultipart` refuses saying so. (A location with HMAC keys goes through s3-store.ts, with parts.)
 */
export function createGcsStore(options: GcsStoreOptions): CloudStore {
  const storage = new Storage({
    credentials: { client_email: options.serviceAccount.client_email, private_key: options.serviceAccount.private_key },
    projectId: typeof options.serviceAccount.project_id === 'string' ? options.serviceAccount.project_id : undefined,
    apiEndpoint: options.apiEndpoint,
    retryOptions: { autoRetry: true, maxRetries: 2, totalTimeout: 60 },
  });
  const bucket = storage.bucket(options.bucket);
  const context = (key?: string): StoreContext => ({
    provider: 'GCS',
    host: new URL(options.apiEndpoint ?? 'https://storage.googleapis.com').host,
    bucket: `bucket ${options.bucket}`,
    key,
  });
  const failed = (key?: string) => (error: unknown) => {
    throw toCloudStoreError(error, context(key));
  };
  /** V4 signatures may not outlive 7 days; ours are minutes. */
  const expiry = (expiresAt: number) => Math.min(expiresAt, Date.now() + V4_MAX_SECONDS * 1000);
  const sign = async (key: string, action: 'read' | 'write', expiresAt: number, headers: Record<string, string>) => {
    const expires = expiry(expiresAt);
    const [url] = await bucket
      .file(key)
      .getSignedUrl({ version: 'v4', action, expires, extensionHeaders: headers })
      .catch(failed(key));
    const request: CloudHttpRequest = { method: action === 'read' ? 'GET' : 'PUT', url, headers, expiresAt: expires };
    return request;
  };

  return {
    label: `gs://${options.bucket}/${options.prefix ?? ''}`,
    // Nothing per part: one PUT per file; the SHA-256 is kept as metadata and checked on download.
    partChecksum: 'sha256',
    sha256Header: GCS_SHA256_HEADER,
    singlePutMaxBytes: GCS_MAX_PUT_BYTES,

    async check(prefix) {
      await bucket.getFiles({ prefix, maxResults: 1, autoPaginate: false }).catch((error: unknown) => {
        // Listing a bucket answers 404 only when the bucket is not there.
        const missing = (error as { code?: unknown }).code === 404;
        throw toCloudStoreError(missing ? { code: 'NoSuchBucket' } : error, context());
      });
    },

    async stat(keys) {
      return Promise.all(
        keys.map(async (key) => {
          try {
            const [metadata] = await bucket.file(key).getMetadata();
            const sha = metadata.metadata?.sha256;
            return {
              key,
              exists: true,
              sizeBytes: metadata.size === undefined ? null : Number(metadata.size),
              sha256Hex: sha256HexOrNull(typeof sha === 'string' ? sha : null),
            };
          } catch (error) {
            if ((error as { code?: unknown }).code === 404) {
              // A missing bucket is 404 too: say so rather than "no such object".
              const [exists] = await bucket.exists().catch(failed(key));
              if (!exists) throw toCloudStoreError({ code: 'NoSuchBucket' }, context());
              return { key, exists: false, sizeBytes: null, sha256Hex: null };
            }
            throw toCloudStoreError(error, context(key));
          }
        }),
      );
    },

    async list(prefix, cursor, pageSize) {
      const [files, next] = await bucket
        .getFiles({ prefix, maxResults: pageSize, pageToken: cursor ?? undefined, autoPaginate: false })
        .catch(failed());
      const objects = files
        .filter((file) => file.name.length > prefix.length && !file.name.endsWith('/'))
        .map((file) => ({
          key: file.name.slice(prefix.length),
          sizeBytes: Number(file.metadata.size ?? 0),
          lastModifiedMs: Date.parse(String(file.metadata.updated ?? '')) || 0,
        }));
      const pageToken = (next as { pageToken?: string } | null | undefined)?.pageToken;
      return { objects, cursor: pageToken || null };
    },

    async presignPut(files, expiresAt) {
      return Promise.all(
        files.map(async (file) => ({
          key: file.key,
          request: await sign(file.key, 'write', expiresAt, { [GCS_SHA256_HEADER]: file.sha256Hex }),
        })),
      );
    },

    async createMultipart() {
      throw new CloudStoreError(
        'invalid',
        'GCS with a service account key takes each file as one signed PUT (up to 5 TiB), not in parts: use HMAC keys for parallel parts',
      );
    },
    async presignParts() {
      throw new CloudStoreError('invalid', 'GCS with a service account key has no multipart uploads');
    },
    async completeMultipart() {
      throw new CloudStoreError('invalid', 'GCS with a service account key has no multipart uploads');
    },
    abortMultipart: async () => {},

    async presignGet(keys, expiresAt) {
      return Promise.all(keys.map(async (key) => ({ key, request: await sign(key, 'read', expiresAt, {}) })));
    },

    async delete(keys) {
      for (let start = 0; start < keys.length; start += DELETE_CONCURRENCY) {
        await Promise.all(
          keys
            .slice(start, start + DELETE_CONCURRENCY)
            .map((key) => bucket.file(key).delete({ ignoreNotFound: true }).catch(failed(key))),
        );
      }
      return keys.length;
    },
  };
}

import { randomBytes } from 'node:crypto';
import {
  AnonymousCredential,
  BlobSASPermissions,
  ContainerClient,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import type { CloudHttpRequest } from '@tcpa/contracts';
import type { CloudStore } from './cloud-store.ts';
import { sha256HexOrNull } from './presign-times.ts';
import { type StoreContext, toCloudStoreError } from './store-errors.ts';

export interface AzureStoreOptions {
  account: string;
  container: string;
  /** The account's blob endpoint (Azurite: http://127.0.0.1:10000/devstoreaccount1); Azure's own when undefined. */
  endpoint?: string;
  credentials: { mode: 'account_key'; accountKey: string } | { mode: 'sas'; sasToken: string };
  /** The location's prefix, for the label only. */
  prefix?: string;
}

export const AZURE_SHA256_HEADER = 'x-ms-meta-sha256';
/** A per-blob SAS the control plane mints lives 15 minutes at most: the agent asks again for later parts. */
const SAS_LIFETIME_MS = 15 * 60_000;
const DELETE_CONCURRENCY = 16;

/** The account's blob service URL: an emulator's path-style endpoint gets the account as its first path part. */
export function azureAccountUrl(account: string, endpoint: string | undefined): string {
  if (!endpoint) return `https://${account}.blob.core.windows.net`;
  const url = new URL(endpoint);
  const path = url.pathname.replace(/\/+$/, '');
  const virtualHost = url.hostname.startsWith(`${account}.`);
  return `${url.origin}${path || (virtualHost ? '' : `/${account}`)}`;
}

/** Block ids must all be the same length before base64: the upload id, then the part number in 5 digits. */
export const azureBlockId = (uploadId: string, partNumber: number) =>
  Buffer.from(`${uploadId}-${String(partNumber).padStart(5, '0')}`).toString('base64');

/** A CloudStore over an Azure Blob container, signed with the account key or the location's own SAS. */
export function createAzureStore(options: AzureStoreOptions): CloudStore {
  const accountUrl = azureAccountUrl(options.account, options.endpoint);
  const containerUrl = `${accountUrl}/${encodeURIComponent(options.container)}`;
  const sharedKey =
    options.credentials.mode === 'account_key'
      ? new StorageSharedKeyCredential(options.account, options.credentials.accountKey)
      : undefined;
  const sasToken = options.credentials.mode === 'sas' ? options.credentials.sasToken : undefined;
  const pipeline = { retryOptions: { maxTries: 2, retryDelayInMs: 500, tryTimeoutInMs: 60_000 } };
  const container = sharedKey
    ? new ContainerClient(containerUrl, sharedKey, pipeline)
    : new ContainerClient(`${containerUrl}?${sasToken}`, new AnonymousCredential(), pipeline);
  const context = (key?: string): StoreContext => ({
    provider: 'Azure Blob Storage',
    host: new URL(accountUrl).host,
    bucket: `container ${options.container} of account ${options.account}`,
    key,
  });
  const failed = (key?: string) => (error: unknown) => {
    throw toCloudStoreError(error, context(key));
  };

  /** The blob's URL with authority for `permissions` until `expiresAt` (or sooner), and when it ends. */
  const signedBlobUrl = (key: string, permissions: 'cw' | 'r', expiresAt: number) => {
    const blobUrl = `${containerUrl}/${key.split('/').map(encodeURIComponent).join('/')}`;
    if (!sharedKey) {
      // A SAS-mode location: the control plane holds no key to mint a narrower SAS, so it can only
      // hand out the location's own token on this blob's URL (its permissions and expiry are the token's).
      const ends = Date.parse(new URLSearchParams(sasToken).get('se') ?? '');
      return {
        url: `${blobUrl}?${sasToken}`,
        expiresAt: Number.isFinite(ends) ? Math.min(ends, expiresAt) : expiresAt,
      };
    }
    const ends = Math.min(expiresAt, Date.now() + SAS_LIFETIME_MS);
    const sas = generateBlobSASQueryParameters(
      {
        containerName: options.container,
        blobName: key,
        permissions: BlobSASPermissions.parse(permissions),
        startsOn: new Date(Date.now() - 5 * 60_000),
        expiresOn: new Date(ends),
        protocol: accountUrl.startsWith('https:') ? SASProtocol.Https : SASProtocol.HttpsAndHttp,
      },
      sharedKey,
    );
    return { url: `${blobUrl}?${sas.toString()}`, expiresAt: ends };
  };

  return {
    label: `azure://${options.account}/${options.container}/${options.prefix ?? ''}`,
    partChecksum: 'content-md5',
    sha256Header: AZURE_SHA256_HEADER,

    async check(prefix) {
      await container.listBlobsFlat({ prefix }).byPage({ maxPageSize: 1 }).next().catch(failed());
    },

    async stat(keys) {
      return Promise.all(
        keys.map(async (key) => {
          try {
            const properties = await container.getBlobClient(key).getProperties();
            return {
              key,
              exists: true,
              sizeBytes: properties.contentLength ?? null,
              sha256Hex: sha256HexOrNull(properties.metadata?.sha256),
            };
          } catch (error) {
            const { statusCode, code } = error as { statusCode?: number; code?: string };
            if (statusCode === 404 && code !== 'ContainerNotFound') {
              return { key, exists: false, sizeBytes: null, sha256Hex: null };
            }
            throw toCloudStoreError(error, context(key));
          }
        }),
      );
    },

    async list(prefix, cursor, pageSize) {
      const pages = container
        .listBlobsFlat({ prefix })
        .byPage({ continuationToken: cursor ?? undefined, maxPageSize: pageSize });
      const page = await pages.next().catch(failed());
      const segment = page.done ? undefined : page.value;
      const objects = (segment?.segment.blobItems ?? [])
        .filter((blob) => blob.name.length > prefix.length && !blob.name.endsWith('/'))
        .map((blob) => ({
          key: blob.name.slice(prefix.length),
          sizeBytes: blob.properties.contentLength ?? 0,
          lastModifiedMs: blob.properties.lastModified.getTime(),
        }));
      return { objects, cursor: segment?.continuationToken || null };
    },

    async presignPut(files, expiresAt) {
      return files.map((file) => {
        const signed = signedBlobUrl(file.key, 'cw', expiresAt);
        const request: CloudHttpRequest = {
          method: 'PUT',
          url: signed.url,
          headers: { 'x-ms-blob-type': 'BlockBlob', [AZURE_SHA256_HEADER]: file.sha256Hex },
          expiresAt: signed.expiresAt,
        };
        return { key: file.key, request };
      });
    },

    // Azure has no upload to create: the id prefixes the block ids, so blocks of another upload of
    // the same blob are not mistaken for this one's. Uncommitted blocks expire after 7 days.
    createMultipart: async () => randomBytes(8).toString('hex'),

    async presignParts(key, uploadId, parts, expiresAt) {
      const signed = signedBlobUrl(key, 'cw', expiresAt);
      return parts.map((part) => ({
        partNumber: part.partNumber,
        request: {
          method: 'PUT' as const,
          url: `${signed.url}&comp=block&blockid=${encodeURIComponent(azureBlockId(uploadId, part.partNumber))}`,
          headers: {},
          expiresAt: signed.expiresAt,
        },
      }));
    },

    async completeMultipart(key, uploadId, sha256Hex, parts) {
      const blockIds = parts.map((part) => azureBlockId(uploadId, part.partNumber));
      const committed = await container
        .getBlockBlobClient(key)
        .commitBlockList(blockIds, { metadata: { sha256: sha256Hex } })
        .catch(failed(key));
      return committed.etag ?? null;
    },

    // Nothing to abort: uncommitted blocks are dropped by Azure after 7 days, or by the next commit of the blob.
    abortMultipart: async () => {},

    async presignGet(keys, expiresAt) {
      return keys.map((key) => {
        const signed = signedBlobUrl(key, 'r', expiresAt);
        return { key, request: { method: 'GET' as const, url: signed.url, headers: {}, expiresAt: signed.expiresAt } };
      });
    },

    async delete(keys) {
      for (let start = 0; start < keys.length; start += DELETE_CONCURRENCY) {
        await Promise.all(
          keys
            .slice(start, start + DELETE_CONCURRENCY)
            .map((key) => container.getBlobClient(key).deleteIfExists().catch(failed(key))),
        );
      }
      return keys.length;
    },
  };
}

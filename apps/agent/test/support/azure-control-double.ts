import { randomUUID } from 'node:crypto';
import {
  BlobSASPermissions,
  type ContainerClient,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import type { CloudOperation, CloudReplyMessage, CloudRequestMessage } from '@tcpa/contracts';
import type { LocalAzurite } from '../../../server/test/support/local-azurite.ts';

const EXPIRES_IN_MS = 15 * 60 * 1000;

/**
 * The control plane's side of cloud transfers against Azurite, small: a service SAS for one blob
 * per request (`cw` to write a block or the blob, `r` to read), block lists committed here with
 * the whole file's SHA-256 as metadata. The agent adds Content-MD5 to what it sends.
 */
export function azureControlDouble(azure: LocalAzurite, prefix: string) {
  const container: ContainerClient = azure.serviceClient.getContainerClient(azure.container);
  const credential = new StorageSharedKeyCredential(azure.accountName, azure.accountKey);
  const uploads = new Map<string, { uploadId: string; sha256Hex: string; sizeBytes: number; partSizeBytes: number }>();
  const seen: CloudRequestMessage[] = [];
  const full = (key: string) => `${prefix}${key}`;
  const blockId = (uploadId: string, partNumber: number) =>
    Buffer.from(`${uploadId}-${String(partNumber).padStart(5, '0')}`).toString('base64');
  const request = (
    key: string,
    permissions: string,
    method: 'GET' | 'PUT',
    query: string,
    headers: Record<string, string>,
  ) => {
    const expiresOn = new Date(Date.now() + EXPIRES_IN_MS);
    const sas = generateBlobSASQueryParameters(
      {
        containerName: azure.container,
        blobName: full(key),
        permissions: BlobSASPermissions.parse(permissions),
        expiresOn,
        protocol: SASProtocol.HttpsAndHttp,
      },
      credential,
    );
    const path = full(key).split('/').map(encodeURIComponent).join('/');
    return {
      method,
      url: `${azure.blobEndpoint}/${azure.container}/${path}?${query}${sas.toString()}`,
      headers,
      expiresAt: expiresOn.getTime(),
    };
  };

  async function answer(operation: CloudOperation): Promise<unknown> {
    switch (operation.op) {
      case 'stat':
        return {
          objects: await Promise.all(
            operation.keys.map(async (key) => {
              const properties = await container
                .getBlobClient(full(key))
                .getProperties()
                .catch(() => undefined);
              return {
                key,
                exists: Boolean(properties),
                sizeBytes: properties?.contentLength ?? null,
                sha256Hex: properties?.metadata?.sha256 ?? null,
              };
            }),
          ),
        };
      case 'list': {
        const pages = container
          .listBlobsFlat({ prefix })
          .byPage({ maxPageSize: 1000, ...(operation.cursor ? { continuationToken: operation.cursor } : {}) });
        const page = (await pages.next()).value;
        return {
          objects: (page?.segment.blobItems ?? []).map(
            (blob: { name: string; properties: { contentLength?: number; lastModified: Date } }) => ({
              key: blob.name.slice(prefix.length),
              sizeBytes: blob.properties.contentLength ?? 0,
              lastModifiedMs: blob.properties.lastModified.getTime(),
            }),
          ),
          cursor: page?.continuationToken || null,
        };
      }
      case 'put':
        return {
          partChecksum: 'content-md5',
          requests: operation.files.map((file) => ({
            key: file.key,
            request: request(file.key, 'cw', 'PUT', '', {
              'x-ms-blob-type': 'BlockBlob',
              'x-ms-meta-sha256': file.sha256Hex,
            }),
          })),
        };
      case 'multipart_begin': {
        const known = uploads.get(operation.key);
        if (known && known.sha256Hex === operation.sha256Hex && known.sizeBytes === operation.sizeBytes) {
          return { uploadId: known.uploadId, partChecksum: 'content-md5' };
        }
        const uploadId = randomUUID().slice(0, 8);
        uploads.set(operation.key, { uploadId, ...operation });
        return { uploadId, partChecksum: 'content-md5' };
      }
      case 'part_urls':
        return {
          requests: operation.parts.map((part) => ({
            partNumber: part.partNumber,
            request: request(
              operation.key,
              'cw',
              'PUT',
              `comp=block&blockid=${encodeURIComponent(blockId(operation.uploadId, part.partNumber))}&`,
              {},
            ),
          })),
        };
      case 'parts_done':
        return { stored: operation.parts.length };
      case 'multipart_complete': {
        const upload = uploads.get(operation.key);
        if (!upload) throw new Error('no such upload');
        const ids = Array.from({ length: operation.partCount }, (_, index) => blockId(upload.uploadId, index + 1));
        const done = await container
          .getBlockBlobClient(full(operation.key))
          .commitBlockList(ids, { metadata: { sha256: upload.sha256Hex } });
        uploads.delete(operation.key);
        return { etag: done.etag ?? null };
      }
      case 'multipart_abort':
        uploads.delete(operation.key);
        return {};
      case 'get_urls':
        return {
          requests: operation.keys.map((key) => ({
            key,
            request: request(key, 'r', 'GET', '', {}),
            sha256Header: 'x-ms-meta-sha256',
          })),
        };
      case 'delete':
        await Promise.all(operation.keys.map((key) => container.deleteBlob(full(key))));
        return { deleted: operation.keys.length };
    }
  }

  return {
    container,
    prefix,
    seen,
    async reply(message: CloudRequestMessage): Promise<CloudReplyMessage> {
      seen.push(message);
      try {
        return { type: 'cloud_reply', requestId: message.requestId, result: await answer(message.operation) };
      } catch (error) {
        return {
          type: 'cloud_reply',
          requestId: message.requestId,
          error: { code: 'invalid', message: (error as Error).message.slice(0, 500) },
        };
      }
    },
  };
}

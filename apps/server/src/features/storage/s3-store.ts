import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandInput,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { CloudStore } from './cloud-store.ts';
import { sha256HexOrNull, signedSeconds } from './presign-times.ts';
import { statByListing } from './stat-by-listing.ts';
import { type StoreContext, toCloudStoreError } from './store-errors.ts';

export interface S3StoreOptions {
  bucket: string;
  region: string;
  /** An S3-compatible store's address; AWS's own when undefined. */
  endpoint?: string;
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** "S3", or "GCS" through its S3-compatible XML API: used in labels and messages. */
  provider?: 'S3' | 'GCS';
  /** The location's prefix, for the label only: keys given to the store are whole keys. */
  prefix?: string;
}

/** GCS's S3-compatible XML API, signed with HMAC keys (path style, region "auto"). */
export const GCS_XML_ENDPOINT = 'https://storage.googleapis.com';

export const S3_SHA256_HEADER = 'x-amz-meta-sha256';
const CHECKSUM_HEADER = 'x-amz-checksum-sha256';
const DELETE_PAGE = 1000;

const hexToBase64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

/** A CloudStore over an S3 bucket (AWS, MinIO, Ceph, Wasabi…, or GCS with HMAC keys). */
export function createS3Store(options: S3StoreOptions): CloudStore & { close(): void } {
  const provider = options.provider ?? 'S3';
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials: options.credentials,
    // Our own checksums are signed per part; the SDK's default CRC32 framing (aws-chunked with a
    // trailer) is stored as the object's bytes by some S3-compatible servers (s3rver, measured).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 60_000 },
    maxAttempts: 3,
  });
  const Bucket = options.bucket;
  const context = (key?: string): StoreContext => ({
    provider,
    host: options.endpoint ? new URL(options.endpoint).host : `s3.${options.region}.amazonaws.com`,
    bucket: `bucket ${Bucket}`,
    key,
  });
  const failed = (key?: string) => (error: unknown) => {
    throw toCloudStoreError(error, context(key));
  };
  /** Presigning options that keep `signed` as headers the agent must send (the store checks them). */
  const signing = (expiresAt: number, signed: Record<string, string>) => ({
    expiresIn: signedSeconds(expiresAt),
    unhoistableHeaders: new Set(Object.keys(signed)),
  });
  const scheme = provider === 'GCS' ? 'gs' : 's3';
  const listObjects = (input: Omit<ListObjectsV2CommandInput, 'Bucket'>) =>
    client.send(new ListObjectsV2Command({ Bucket, ...input })).catch(failed());

  return {
    label: `${scheme}://${Bucket}/${options.prefix ?? ''}`,
    partChecksum: 'sha256',
    sha256Header: S3_SHA256_HEADER,

    async check(prefix) {
      await listObjects({ Prefix: prefix, MaxKeys: 1 });
    },

    async stat(keys) {
      return statByListing(keys, {
        async listFolder(folder, startAfter, next) {
          const page = await listObjects({
            Prefix: folder,
            Delimiter: '/',
            StartAfter: startAfter,
            ContinuationToken: next ?? undefined,
          });
          return {
            keys: (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])),
            next: page.IsTruncated ? (page.NextContinuationToken ?? null) : null,
          };
        },
        async head(key) {
          try {
            const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
            return {
              key,
              exists: true,
              sizeBytes: head.ContentLength ?? null,
              sha256Hex: sha256HexOrNull(head.Metadata?.sha256),
            };
          } catch (error) {
            const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
            if (status === 404) return { key, exists: false, sizeBytes: null, sha256Hex: null };
            throw toCloudStoreError(error, context(key));
          }
        },
      });
    },

    async list(prefix, cursor, pageSize) {
      const page = await listObjects({ Prefix: prefix, MaxKeys: pageSize, ContinuationToken: cursor ?? undefined });
      const objects = (page.Contents ?? [])
        // A key ending in '/' is a console's "folder" marker, not a file.
        .filter((object) => object.Key && object.Key.length > prefix.length && !object.Key.endsWith('/'))
        .map((object) => ({
          key: (object.Key as string).slice(prefix.length),
          sizeBytes: object.Size ?? 0,
          lastModifiedMs: object.LastModified?.getTime() ?? 0,
        }));
      return { objects, cursor: page.IsTruncated ? (page.NextContinuationToken ?? null) : null };
    },

    async presignPut(files, expiresAt) {
      return Promise.all(
        files.map(async (file) => {
          const checksum = hexToBase64(file.sha256Hex);
          const command = new PutObjectCommand({
            Bucket,
            Key: file.key,
            ChecksumSHA256: checksum,
            Metadata: { sha256: file.sha256Hex },
          });
          const signed = { [CHECKSUM_HEADER]: checksum, [S3_SHA256_HEADER]: file.sha256Hex };
          const url = await getSignedUrl(client, command, signing(expiresAt, signed));
          return { key: file.key, request: { method: 'PUT' as const, url, headers: signed, expiresAt } };
        }),
      );
    },

    async createMultipart(key, sha256Hex) {
      const created = await client
        .send(
          new CreateMultipartUploadCommand({
            Bucket,
            Key: key,
            ChecksumAlgorithm: 'SHA256',
            Metadata: { sha256: sha256Hex },
          }),
        )
        .catch(failed(key));
      if (!created.UploadId) throw toCloudStoreError({ name: 'InternalError' }, context(key));
      return created.UploadId;
    },

    async presignParts(key, uploadId, parts, expiresAt) {
      return Promise.all(
        parts.map(async (part) => {
          const command = new UploadPartCommand({
            Bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber: part.partNumber,
            ChecksumSHA256: part.sha256Base64,
          });
          const signed = { [CHECKSUM_HEADER]: part.sha256Base64 };
          return {
            partNumber: part.partNumber,
            request: {
              method: 'PUT' as const,
              url: await getSignedUrl(client, command, signing(expiresAt, signed)),
              headers: signed,
              expiresAt,
            },
          };
        }),
      );
    },

    async completeMultipart(key, uploadId, _sha256Hex, parts) {
      // The whole file's SHA-256 went in as metadata when the upload was created.
      const completed = await client
        .send(
          new CompleteMultipartUploadCommand({
            Bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: {
              Parts: parts.map((part) => ({
                PartNumber: part.partNumber,
                ETag: part.etag,
                ChecksumSHA256: part.sha256Base64,
              })),
            },
          }),
        )
        .catch(failed(key));
      return completed.ETag ?? null;
    },

    async abortMultipart(key, uploadId) {
      await client.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId: uploadId })).catch((error) => {
        // Gone already (completed, aborted or expired) is what abort wanted.
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return;
        throw toCloudStoreError(error, context(key));
      });
    },

    async presignGet(keys, expiresAt) {
      return Promise.all(
        keys.map(async (key) => ({
          key,
          request: {
            method: 'GET' as const,
            url: await getSignedUrl(client, new GetObjectCommand({ Bucket, Key: key }), signing(expiresAt, {})),
            headers: {},
            expiresAt,
          },
        })),
      );
    },

    async delete(keys) {
      let deleted = 0;
      for (let start = 0; start < keys.length; start += DELETE_PAGE) {
        const page = keys.slice(start, start + DELETE_PAGE);
        const answer = await client
          .send(
            new DeleteObjectsCommand({
              Bucket,
              Delete: { Objects: page.map((Key) => ({ Key })), Quiet: true },
            }),
          )
          .catch(failed());
        const [refused] = answer.Errors ?? [];
        if (refused) {
          const status = refused.Code === 'AccessDenied' ? 403 : 500;
          throw toCloudStoreError({ name: refused.Code, $metadata: { httpStatusCode: status } }, context(refused.Key));
        }
        deleted += page.length;
      }
      return deleted;
    },

    close: () => client.destroy(),
  };
}

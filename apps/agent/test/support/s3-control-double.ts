import { randomUUID } from 'node:crypto';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { CloudOperation, CloudReplyMessage, CloudRequestMessage } from '@tcpa/contracts';
import { type LocalS3, localS3Client } from '../../../server/test/support/local-s3.ts';

const EXPIRES_IN_S = 900;

interface Upload {
  uploadId: string;
  sizeBytes: number;
  sha256Hex: string;
  partSizeBytes: number;
  parts: Map<number, string>;
}

/**
 * A small stand-in for the control plane's side of cloud transfers against a local S3 server:
 * it holds the keys and answers the agent's `cloud_request` operations with the AWS SDK and its
 * presigner, as the real one does (the real one is apps/server's). It counts what it hands out,
 * so a test can tell which parts an agent sent again.
 */
export function s3ControlDouble(s3: LocalS3, prefix: string) {
  const client = localS3Client(s3);
  const uploads = new Map<string, Upload>();
  const counts = { partUrls: 0, puts: 0, begun: 0, completed: 0 };
  /** Every request answered, in order. */
  const seen: CloudRequestMessage[] = [];
  const Bucket = s3.bucket;
  const full = (key: string) => `${prefix}${key}`;
  /** Set by a test: the next part_urls answer is signed for this many seconds and sent this late. */
  const shortLived = { next: null as { signedForS: number; replyAfterMs: number } | null };
  const presignOptions = (headers: Record<string, string>, expiresIn = EXPIRES_IN_S) => ({
    expiresIn,
    unhoistableHeaders: new Set(Object.keys(headers)),
  });
  const asRequest = (url: string, headers: Record<string, string>, method: 'GET' | 'PUT') => ({
    method,
    url,
    headers,
    expiresAt: Date.now() + EXPIRES_IN_S * 1000,
  });

  async function answer(operation: CloudOperation): Promise<unknown> {
    switch (operation.op) {
      case 'stat':
        return {
          objects: await Promise.all(
            operation.keys.map(async (key) => {
              const head = await client.send(new HeadObjectCommand({ Bucket, Key: full(key) })).catch(() => undefined);
              return {
                key,
                exists: Boolean(head),
                sizeBytes: head?.ContentLength ?? null,
                sha256Hex: head?.Metadata?.sha256 ?? null,
              };
            }),
          ),
        };
      case 'list': {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket,
            Prefix: prefix,
            ContinuationToken: operation.cursor ?? undefined,
            MaxKeys: 1000,
          }),
        );
        return {
          objects: (page.Contents ?? []).map((object) => ({
            key: (object.Key as string).slice(prefix.length),
            sizeBytes: object.Size ?? 0,
            lastModifiedMs: object.LastModified?.getTime() ?? 0,
          })),
          cursor: page.IsTruncated ? (page.NextContinuationToken ?? null) : null,
        };
      }
      case 'put':
        counts.puts += operation.files.length;
        return {
          partChecksum: 'sha256',
          requests: await Promise.all(
            operation.files.map(async (file) => {
              const checksum = Buffer.from(file.sha256Hex, 'hex').toString('base64');
              const command = new PutObjectCommand({
                Bucket,
                Key: full(file.key),
                ContentLength: file.sizeBytes,
                ChecksumSHA256: checksum,
                Metadata: { sha256: file.sha256Hex },
              });
              const headers = { 'x-amz-checksum-sha256': checksum, 'x-amz-meta-sha256': file.sha256Hex };
              const url = await getSignedUrl(client, command, presignOptions(headers));
              return { key: file.key, request: asRequest(url, headers, 'PUT') };
            }),
          ),
        };
      case 'multipart_begin': {
        const known = uploads.get(operation.key);
        if (
          known &&
          known.sizeBytes === operation.sizeBytes &&
          known.sha256Hex === operation.sha256Hex &&
          known.partSizeBytes === operation.partSizeBytes
        ) {
          return { uploadId: known.uploadId, partChecksum: 'sha256' };
        }
        const created = await client.send(
          new CreateMultipartUploadCommand({
            Bucket,
            Key: full(operation.key),
            ChecksumAlgorithm: 'SHA256',
            Metadata: { sha256: operation.sha256Hex },
          }),
        );
        counts.begun++;
        const upload = {
          uploadId: created.UploadId as string,
          sizeBytes: operation.sizeBytes,
          sha256Hex: operation.sha256Hex,
          partSizeBytes: operation.partSizeBytes,
          parts: new Map(),
        };
        uploads.set(operation.key, upload);
        return { uploadId: upload.uploadId, partChecksum: 'sha256' };
      }
      case 'part_urls': {
        counts.partUrls += operation.parts.length;
        const lifetime = shortLived.next;
        shortLived.next = null;
        const answer = {
          requests: await Promise.all(
            operation.parts.map(async (part) => {
              const command = new UploadPartCommand({
                Bucket,
                Key: full(operation.key),
                UploadId: operation.uploadId,
                PartNumber: part.partNumber,
                ChecksumSHA256: part.sha256Base64,
              });
              const headers = { 'x-amz-checksum-sha256': part.sha256Base64 };
              const url = await getSignedUrl(client, command, presignOptions(headers, lifetime?.signedForS));
              return { partNumber: part.partNumber, request: asRequest(url, headers, 'PUT') };
            }),
          ),
        };
        if (lifetime) await new Promise((resolve) => setTimeout(resolve, lifetime.replyAfterMs));
        return answer;
      }
      case 'parts_done': {
        const upload = uploads.get(operation.key);
        for (const part of operation.parts) upload?.parts.set(part.partNumber, part.etag);
        return { stored: operation.parts.length };
      }
      case 'multipart_complete': {
        const upload = uploads.get(operation.key);
        if (!upload || upload.parts.size !== operation.partCount) throw new Error('not every part was told');
        const done = await client.send(
          new CompleteMultipartUploadCommand({
            Bucket,
            Key: full(operation.key),
            UploadId: upload.uploadId,
            MultipartUpload: {
              Parts: [...upload.parts].sort(([a], [b]) => a - b).map(([PartNumber, ETag]) => ({ PartNumber, ETag })),
            },
          }),
        );
        uploads.delete(operation.key);
        counts.completed++;
        return { etag: done.ETag ?? null };
      }
      case 'multipart_abort':
        uploads.delete(operation.key); // s3rver has no AbortMultipartUpload
        return {};
      case 'get_urls':
        return {
          requests: await Promise.all(
            operation.keys.map(async (key) => ({
              key,
              request: asRequest(
                await getSignedUrl(client, new GetObjectCommand({ Bucket, Key: full(key) }), presignOptions({})),
                {},
                'GET',
              ),
              sha256Header: 'x-amz-meta-sha256',
            })),
          ),
        };
      case 'delete':
        await client.send(
          new DeleteObjectsCommand({ Bucket, Delete: { Objects: operation.keys.map((key) => ({ Key: full(key) })) } }),
        );
        return { deleted: operation.keys.length };
    }
  }

  return {
    client,
    counts,
    seen,
    shortLived,
    uploads,
    /** The reply the control plane would send to this request. */
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
    close: () => client.destroy(),
  };
}
export type S3ControlDouble = ReturnType<typeof s3ControlDouble>;
export const newTransferId = () => randomUUID();

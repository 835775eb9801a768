import { createHash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { type CloudHttpRequest, MAX_CLOUD_ITEMS_PER_REQUEST, type PartChecksum } from '@tcpa/contracts';
import { CloudHttpError, sendCloudHttp, urlNeedsRefresh } from './cloud-http.ts';
import type { JournalPart } from './cloud-journal.ts';
import type { CloudTransferContext } from './cloud-transfer-types.ts';
import { checkUnchanged, type HashedSource, SourceChangedError } from './source-hash.ts';
import { runPool } from './task-pool.ts';

/** Parts held in memory at once, whatever the concurrency: each in-flight part is a buffer. */
const MAX_BYTES_IN_FLIGHT = 256 * 1024 * 1024;
/** Parts journaled and told together: one fsync and one request for a few parts. */
const PARTS_PER_FLUSH = 4;

export interface PartUploadStats {
  bytesSent: number;
  bytesResumed: number;
}

interface Part {
  partNumber: number;
  offset: number;
  sizeBytes: number;
  sha256Base64: string;
}

/**
 * One file as a multipart upload: begun (or found again) on the control plane, parts the journal
 * lacks sent in parallel through part URLs asked for 64 at a time, each batch of finished parts
 * written to the journal (fsync) before the control plane hears of it, then completed. The
 * file changing on the way gives the upload up (`multipart_abort`) and fails the file.
 */
export async function uploadMultipart(
  context: CloudTransferContext,
  source: string,
  key: string,
  hashed: HashedSource,
  partSizeBytes: number,
): Promise<PartUploadStats> {
  const { ask, journal, signal } = context;
  const { identity } = hashed;
  const begun = await ask(
    { op: 'multipart_begin', key, sizeBytes: identity.sizeBytes, sha256Hex: identity.sha256Hex, partSizeBytes },
    signal,
  );
  const { uploadId } = begun;
  const known = journal.uploadOf(key, identity);
  if (!known || known.uploadId !== uploadId || known.partSizeBytes !== partSizeBytes) {
    await journal.append([{ record: 'upload', key, uploadId, partSizeBytes, file: identity }]);
  }
  const done = journal.partsOf(key, uploadId);
  // Journaled before a crash, perhaps never told: telling a part twice changes nothing.
  await tellPartsDone(context, key, uploadId, [...done.values()]);
  const parts = hashed.partHashes.map((sha256Base64, index) => ({
    partNumber: index + 1,
    offset: index * partSizeBytes,
    sizeBytes: Math.min(partSizeBytes, identity.sizeBytes - index * partSizeBytes),
    sha256Base64,
  }));
  const stats: PartUploadStats = { bytesSent: 0, bytesResumed: 0 };
  for (const part of parts) if (done.has(part.partNumber)) stats.bytesResumed += part.sizeBytes;
  context.progress.addBytes(stats.bytesResumed);
  const missing = parts.filter((part) => !done.has(part.partNumber));
  const handle = await open(source, 'r');
  try {
    for (let start = 0; start < missing.length; start += MAX_CLOUD_ITEMS_PER_REQUEST) {
      const window = missing.slice(start, start + MAX_CLOUD_ITEMS_PER_REQUEST);
      await sendWindow(context, handle, key, uploadId, window, stats, partSizeBytes, begun.partChecksum);
    }
  } catch (error) {
    if (error instanceof SourceChangedError) await abortQuietly(context, key, uploadId);
    throw error;
  } finally {
    await handle.close();
  }
  try {
    await checkUnchanged(source, identity);
  } catch (error) {
    await abortQuietly(context, key, uploadId);
    throw error;
  }
  await ask({ op: 'multipart_complete', key, uploadId, partCount: parts.length }, signal);
  return stats;
}

/** Up to 64 parts: their URLs in one request, the parts in parallel, then journal and parts_done. */
async function sendWindow(
  context: CloudTransferContext,
  handle: FileHandle,
  key: string,
  uploadId: string,
  window: Part[],
  stats: PartUploadStats,
  partSizeBytes: number,
  partChecksum: PartChecksum,
) {
  const { ask, signal } = context;
  const requestsFor = async (parts: Part[]) => {
    const answer = await ask(
      {
        op: 'part_urls',
        key,
        uploadId,
        parts: parts.map(({ partNumber, sha256Base64 }) => ({ partNumber, sha256Base64 })),
      },
      signal,
    );
    return new Map(answer.requests.map((item) => [item.partNumber, item.request]));
  };
  const requests = await requestsFor(window);
  // Finished parts go to the journal (fsync) and then to the control plane a few at a time.
  let unflushed: JournalPart[] = [];
  let flushing = Promise.resolve();
  const flush = () => {
    const batch = unflushed;
    unflushed = [];
    if (batch.length > 0) {
      flushing = flushing.then(async () => {
        await context.journal.append(batch);
        await tellPartsDone(context, key, uploadId, batch);
      });
    }
    return flushing;
  };
  const concurrency = () =>
    Math.min(context.concurrency(), Math.max(1, Math.floor(MAX_BYTES_IN_FLIGHT / partSizeBytes)));
  try {
    await runPool(window, concurrency, async (part) => {
      const body = Buffer.allocUnsafe(part.sizeBytes);
      const { bytesRead } = await handle.read(body, 0, part.sizeBytes, part.offset);
      if (bytesRead !== part.sizeBytes) throw new SourceChangedError();
      if (createHash('sha256').update(body).digest('base64') !== part.sha256Base64) throw new SourceChangedError();
      await context.limiter.take(part.sizeBytes, signal);
      let request = requests.get(part.partNumber);
      let refreshed = false;
      const refresh = async () => {
        refreshed = true;
        request = (await requestsFor([part])).get(part.partNumber);
      };
      if (!request || urlNeedsRefresh(request, context.now())) await refresh();
      const headers = partHeaders(partChecksum, body);
      let response: Response;
      try {
        response = await sendCloudHttp(need(request, part), { body, headers, signal });
      } catch (error) {
        if (!(error instanceof CloudHttpError) || !error.expired || refreshed) throw error;
        await refresh();
        response = await sendCloudHttp(need(request, part), { body, headers, signal });
      }
      await response.body?.cancel();
      // S3 names a part by its ETag; Azure's Put Block has none (blocks go by id): the MD5 it checked stands in.
      const etag =
        response.headers.get('etag') ??
        response.headers.get('content-md5') ??
        response.headers.get('x-ms-content-crc64') ??
        headers['Content-MD5'];
      if (!etag) throw new Error(`the store did not answer part ${part.partNumber} with an ETag`);
      unflushed.push({
        record: 'part',
        key,
        uploadId,
        partNumber: part.partNumber,
        sizeBytes: part.sizeBytes,
        etag,
        sha256Base64: part.sha256Base64,
      });
      stats.bytesSent += part.sizeBytes;
      context.progress.addBytes(part.sizeBytes);
      if (unflushed.length >= PARTS_PER_FLUSH) await flush();
    });
  } finally {
    // What the store took is kept even when another part failed: a later attempt does not send it again.
    await flush();
  }
}

/** Azure checks a block against the Content-MD5 the agent computes; S3's SHA-256 header is given, signed. */
export function partHeaders(partChecksum: PartChecksum, body: Buffer): Record<string, string> {
  if (partChecksum !== 'content-md5') return {};
  return { 'Content-MD5': createHash('md5').update(body).digest('base64') };
}

function need(request: CloudHttpRequest | undefined, part: Part): CloudHttpRequest {
  if (!request) throw new Error(`the control plane gave no URL for part ${part.partNumber}`);
  return request;
}

async function tellPartsDone(context: CloudTransferContext, key: string, uploadId: string, parts: JournalPart[]) {
  for (let start = 0; start < parts.length; start += MAX_CLOUD_ITEMS_PER_REQUEST) {
    const batch = parts.slice(start, start + MAX_CLOUD_ITEMS_PER_REQUEST);
    await context.ask(
      {
        op: 'parts_done',
        key,
        uploadId,
        parts: batch.map(({ partNumber, sizeBytes, etag, sha256Base64 }) => ({
          partNumber,
          sizeBytes,
          etag,
          sha256Base64,
        })),
      },
      context.signal,
    );
  }
}

async function abortQuietly(context: CloudTransferContext, key: string, uploadId: string) {
  try {
    await context.ask({ op: 'multipart_abort', key, uploadId }, context.signal);
  } catch (error) {
    context.log.warn(`could not give up the upload of ${JSON.stringify(key)}: ${(error as Error).message}`);
  }
}

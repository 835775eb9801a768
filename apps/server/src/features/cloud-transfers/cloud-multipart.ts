import type { CloudOperation, CloudResult } from '@tcpa/contracts';
import type { Database } from '@tcpa/db';
import { type CloudStore, CloudStoreError } from '../storage/cloud-store.ts';
import type { CloudTransferPlace } from './cloud-transfer-place.ts';
import { objectKeysOf } from './cloud-transfer-place.ts';
import {
  type CloudUploadRow,
  insertUploadAsService,
  listPartsAsService,
  lockOpenUploadAsService,
  lockUploadKeyAsService,
  openUploadAsService,
  setUploadStateAsService,
  storePartsAsService,
  wasCompletedAsService,
} from './cloud-uploads.sql.ts';

type Op<Name extends CloudOperation['op']> = Extract<CloudOperation, { op: Name }>;

export interface MultipartContext {
  database: Database;
  store: CloudStore;
  place: CloudTransferPlace;
  expiresAt: number;
  /** An upload given up (a stale one replaced): aborted in the store, best effort. */
  abandon(objectKey: string, uploadId: string): void;
}

const partCountOf = (upload: Pick<CloudUploadRow, 'size_bytes' | 'part_size_bytes'>) =>
  Math.max(1, Math.ceil(Number(upload.size_bytes) / Number(upload.part_size_bytes)));

/**
 * The same upload id for the same key, size, SHA-256 and part size within the transfer, so a
 * resumed agent continues it; a changed file begins a new upload (the old one is given up).
 */
export async function beginMultipartAsService(
  { database, store, place, abandon }: MultipartContext,
  operation: Op<'multipart_begin'>,
): Promise<CloudResult<'multipart_begin'>> {
  const [objectKey] = objectKeysOf(place, [operation.key]) as [string];
  if (Math.ceil(operation.sizeBytes / operation.partSizeBytes) > 10_000) {
    throw new CloudStoreError('invalid', `${operation.key} would need more than 10,000 parts: use larger parts`);
  }
  const matches = (open: CloudUploadRow | undefined) =>
    open !== undefined &&
    Number(open.size_bytes) === operation.sizeBytes &&
    open.sha256_hex === operation.sha256Hex &&
    Number(open.part_size_bytes) === operation.partSizeBytes &&
    open.object_key === objectKey;
  const found = await database.unsafeAsOwner((tx) => lockOpenUploadAsService(tx, place.transferId, operation.key));
  if (found && matches(found)) return { uploadId: found.upload_id, partChecksum: store.partChecksum };
  // The store is asked outside any transaction (a slow store must not hold a connection, PGlite's only one).
  const created = await store.createMultipart(objectKey, operation.sha256Hex);
  const uploadId = await database.unsafeAsOwner(async (tx) => {
    await lockUploadKeyAsService(tx, place.transferId, operation.key);
    const open = await lockOpenUploadAsService(tx, place.transferId, operation.key);
    if (open && matches(open)) {
      abandon(objectKey, created); // a request at the same time began it first
      return open.upload_id;
    }
    if (open) {
      await setUploadStateAsService(tx, open.id, 'aborted');
      abandon(open.object_key, open.upload_id);
    }
    await insertUploadAsService(tx, {
      transferId: place.transferId,
      key: operation.key,
      objectKey,
      uploadId: created,
      sizeBytes: operation.sizeBytes,
      sha256Hex: operation.sha256Hex,
      partSizeBytes: operation.partSizeBytes,
    });
    return created;
  });
  return { uploadId, partChecksum: store.partChecksum };
}

async function uploadOfAsService(context: MultipartContext, key: string, uploadId: string): Promise<CloudUploadRow> {
  const upload = await context.database.unsafeAsOwner((tx) =>
    openUploadAsService(tx, context.place.transferId, key, uploadId),
  );
  if (!upload) {
    throw new CloudStoreError(
      'invalid',
      `no open multipart upload of ${JSON.stringify(key)} with that id: begin it again`,
    );
  }
  return upload;
}

function refuseBeyondLastPart(upload: CloudUploadRow, partNumbers: readonly number[]) {
  const count = partCountOf(upload);
  const beyond = partNumbers.filter((partNumber) => partNumber > count);
  if (beyond.length > 0) {
    throw new CloudStoreError('invalid', `${upload.key} has ${count} parts: no part ${beyond.slice(0, 10).join(', ')}`);
  }
}

export async function partUrlsAsService(
  context: MultipartContext,
  operation: Op<'part_urls'>,
): Promise<CloudResult<'part_urls'>> {
  const upload = await uploadOfAsService(context, operation.key, operation.uploadId);
  refuseBeyondLastPart(
    upload,
    operation.parts.map((part) => part.partNumber),
  );
  const requests = await context.store.presignParts(
    upload.object_key,
    upload.upload_id,
    operation.parts,
    context.expiresAt,
  );
  return { requests };
}

/** Parts the store took; each must have the size its number gives (all full but the last). */
export async function partsDoneAsService(
  context: MultipartContext,
  operation: Op<'parts_done'>,
): Promise<CloudResult<'parts_done'>> {
  const upload = await uploadOfAsService(context, operation.key, operation.uploadId);
  refuseBeyondLastPart(
    upload,
    operation.parts.map((part) => part.partNumber),
  );
  const size = Number(upload.size_bytes);
  const partSize = Number(upload.part_size_bytes);
  for (const part of operation.parts) {
    const expected = Math.min(partSize, size - (part.partNumber - 1) * partSize);
    if (part.sizeBytes !== expected) {
      throw new CloudStoreError(
        'invalid',
        `part ${part.partNumber} of ${upload.key} is ${part.sizeBytes} bytes; it must be ${expected}`,
      );
    }
  }
  const stored = await context.database.unsafeAsOwner((tx) => storePartsAsService(tx, upload.id, operation.parts));
  return { stored };
}

/** Completes from the parts stored, all of them; says which are missing otherwise. */
export async function completeMultipartAsService(
  context: MultipartContext,
  operation: Op<'multipart_complete'>,
): Promise<CloudResult<'multipart_complete'>> {
  // An agent that stopped before it wrote down the completion asks again: done is done.
  const completed = await context.database.unsafeAsOwner((tx) =>
    wasCompletedAsService(tx, context.place.transferId, operation.key, operation.uploadId),
  );
  if (completed) return { etag: null };
  const upload = await uploadOfAsService(context, operation.key, operation.uploadId);
  const count = partCountOf(upload);
  if (operation.partCount !== count) {
    throw new CloudStoreError('invalid', `${upload.key} has ${count} parts, not ${operation.partCount}`);
  }
  const parts = await context.database.unsafeAsOwner((tx) => listPartsAsService(tx, upload.id));
  const have = new Set(parts.map((part) => part.partNumber));
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter((n) => !have.has(n));
  if (missing.length > 0) {
    const named = missing.slice(0, 20).join(', ') + (missing.length > 20 ? ` and ${missing.length - 20} more` : '');
    throw new CloudStoreError('invalid', `parts ${named} of ${upload.key} were not reported done: send them first`);
  }
  const etag = await context.store.completeMultipart(upload.object_key, upload.upload_id, upload.sha256_hex, parts);
  await context.database.unsafeAsOwner((tx) => setUploadStateAsService(tx, upload.id, 'completed'));
  return { etag };
}

export async function abortMultipartAsService(
  context: MultipartContext,
  operation: Op<'multipart_abort'>,
): Promise<CloudResult<'multipart_abort'>> {
  const upload = await context.database.unsafeAsOwner((tx) =>
    openUploadAsService(tx, context.place.transferId, operation.key, operation.uploadId),
  );
  if (!upload) return {};
  await context.store.abortMultipart(upload.object_key, upload.upload_id);
  await context.database.unsafeAsOwner((tx) => setUploadStateAsService(tx, upload.id, 'aborted'));
  return {};
}

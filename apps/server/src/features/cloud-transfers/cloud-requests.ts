import {
  type CloudError,
  type CloudOperation,
  type CloudReplyMessage,
  type CloudRequestMessage,
  MAX_CLOUD_KEYS_PER_PAGE,
  MAX_FRAME_BYTES,
} from '@tcpa/contracts';
import type { Database } from '@tcpa/db';
import type { Logger } from '../../http/logger.ts';
import { type CloudStore, CloudStoreError } from '../storage/cloud-store.ts';
import {
  abortMultipartAsService,
  beginMultipartAsService,
  completeMultipartAsService,
  type MultipartContext,
  partsDoneAsService,
  partUrlsAsService,
} from './cloud-multipart.ts';
import { type CloudTransferPlace, objectKeysOf, runningPlaceAsService } from './cloud-transfer-place.ts';
import { takeOpenUploadsAsService } from './cloud-uploads.sql.ts';

/** A store opened for one location with its keys (read as the service); closed once the request is answered. */
export type OpenLocationStore = (
  projectId: string,
  locationId: string,
) => Promise<{ store: CloudStore; close(): void }>;

export interface CloudRequestsOptions {
  database: Database;
  openStore: OpenLocationStore;
  log: Pick<Logger, 'warn'>;
}

/** URLs handed to an agent are good for this long: enough for a part on a slow link, soon worthless if leaked. */
export const CLOUD_URL_LIFETIME_MS = 15 * 60 * 1000;
/** A reply leaves room under the frame limit for its envelope. */
const MAX_REPLY_BYTES = MAX_FRAME_BYTES - 4096;
/** List pages tried, largest first, until one fits a frame (keys run to 1,024 characters). */
const LIST_PAGE_SIZES = [MAX_CLOUD_KEYS_PER_PAGE, 200, 50, 10, 1];

/** Operations that write into the store: an upload's (delete: a mirror's, or a move out of the location). */
const UPLOAD_ONLY = new Set<CloudOperation['op']>([
  'put',
  'multipart_begin',
  'part_urls',
  'parts_done',
  'multipart_complete',
  'multipart_abort',
]);

/**
 * Answers a runner agent's `cloud_request`s: checks the transfer runs on that agent with that
 * attempt, checks every key stays under the transfer's place in the store, and does the operation
 * through the location's store. Failures become the reply's error, in words a person acts on.
 */
export class CloudRequests {
  constructor(private readonly options: CloudRequestsOptions) {}

  async answerAsService(agentId: string, request: CloudRequestMessage): Promise<CloudReplyMessage> {
    const reply = (body: { result: unknown } | { error: CloudError }): CloudReplyMessage => ({
      type: 'cloud_reply',
      requestId: request.requestId,
      ...body,
    });
    try {
      const result = await this.runAsService(agentId, request);
      if (Buffer.byteLength(JSON.stringify(reply({ result }))) > MAX_REPLY_BYTES) {
        throw new CloudStoreError('invalid', 'the answer would not fit one message: ask for fewer keys at once');
      }
      return reply({ result });
    } catch (error) {
      return reply({ error: this.cloudErrorOf(error, request) });
    }
  }

  private async runAsService(agentId: string, request: CloudRequestMessage): Promise<unknown> {
    const { database } = this.options;
    const place = await database.unsafeAsOwner((tx) =>
      runningPlaceAsService(tx, request.transferId, agentId, request.attempt),
    );
    refuseForDirection(place, request.operation);
    const opened = await this.options.openStore(place.projectId, place.locationId);
    try {
      return await this.operate(opened.store, place, request.operation);
    } finally {
      opened.close();
    }
  }

  private async operate(store: CloudStore, place: CloudTransferPlace, operation: CloudOperation): Promise<unknown> {
    const expiresAt = Date.now() + CLOUD_URL_LIFETIME_MS;
    const relative = (keys: readonly string[]) => {
      const objectKeys = objectKeysOf(place, keys);
      const byObjectKey = new Map(objectKeys.map((objectKey, index) => [objectKey, keys[index] as string]));
      const back = (objectKey: string) => byObjectKey.get(objectKey) ?? objectKey.slice(place.root.length);
      return { objectKeys, back };
    };
    const multipart: MultipartContext = {
      database: this.options.database,
      store,
      place,
      expiresAt,
      abandon: (objectKey, uploadId) => void this.abortQuietly(store, place, objectKey, uploadId),
    };
    switch (operation.op) {
      case 'stat': {
        const { objectKeys, back } = relative(operation.keys);
        const objects = await store.stat(objectKeys);
        return { objects: objects.map((object) => ({ ...object, key: back(object.key) })) };
      }
      case 'list':
        return this.listPage(store, place, operation.cursor);
      case 'put': {
        const { objectKeys, back } = relative(operation.files.map((file) => file.key));
        const files = operation.files.map((file, index) => ({ ...file, key: objectKeys[index] as string }));
        const requests = await store.presignPut(files, expiresAt);
        return { partChecksum: store.partChecksum, requests: requests.map((r) => ({ ...r, key: back(r.key) })) };
      }
      case 'get_urls': {
        const { objectKeys, back } = relative(operation.keys);
        const requests = await store.presignGet(objectKeys, expiresAt);
        return {
          requests: requests.map((r) => ({ key: back(r.key), request: r.request, sha256Header: store.sha256Header })),
        };
      }
      case 'delete':
        return { deleted: await store.delete(relative(operation.keys).objectKeys) };
      case 'multipart_begin':
        return beginMultipartAsService(multipart, operation);
      case 'part_urls':
        return partUrlsAsService(multipart, operation);
      case 'parts_done':
        return partsDoneAsService(multipart, operation);
      case 'multipart_complete':
        return completeMultipartAsService(multipart, operation);
      case 'multipart_abort':
        return abortMultipartAsService(multipart, operation);
    }
  }

  /** The largest page that fits a frame: a page of long keys is cut smaller, from the same cursor. */
  private async listPage(store: CloudStore, place: CloudTransferPlace, cursor: string | null) {
    for (const pageSize of LIST_PAGE_SIZES) {
      const page = await store.list(place.root, cursor, pageSize);
      if (Buffer.byteLength(JSON.stringify(page)) <= MAX_REPLY_BYTES - 1024) return page;
    }
    throw new CloudStoreError('invalid', 'one key under the transfer’s prefix is too long to list');
  }

  /**
   * A canceled transfer's multipart uploads are aborted in the store, best effort (the store's
   * lifecycle rules collect what is left); failures are logged without keys or upload ids.
   */
  async abortUploadsAsService(transferId: string) {
    const taken = await this.options.database.unsafeAsOwner((tx) => takeOpenUploadsAsService(tx, transferId));
    const first = taken[0];
    if (!first) return;
    if (first.location_id === null) {
      this.options.log.warn({ transferId, uploads: taken.length }, 'multipart uploads left: the location is gone');
      return;
    }
    const failed = (error: unknown) => {
      const words = error instanceof CloudStoreError ? error.message : 'the store could not be opened';
      this.options.log.warn({ transferId, uploads: taken.length }, `multipart uploads not aborted: ${words}`);
    };
    const opened = await this.options.openStore(first.project_id, first.location_id).catch(failed);
    if (!opened) return;
    try {
      for (const upload of taken) {
        await opened.store.abortMultipart(upload.object_key, upload.upload_id).catch(failed);
      }
    } finally {
      opened.close();
    }
  }

  private async abortQuietly(store: CloudStore, place: CloudTransferPlace, objectKey: string, uploadId: string) {
    await store.abortMultipart(objectKey, uploadId).catch((error: unknown) => {
      // The store's words (CloudStoreError) hold no secret; the upload id and key are not logged.
      const words = error instanceof CloudStoreError ? error.message : 'the store did not answer';
      this.options.log.warn({ transferId: place.transferId }, `a replaced multipart upload was not aborted: ${words}`);
    });
  }

  private cloudErrorOf(error: unknown, request: CloudRequestMessage): CloudError {
    if (error instanceof CloudStoreError) {
      return {
        code: error.code,
        message: error.message.slice(0, 2000),
        ...(error.retryAfterMs !== undefined && { retryAfterMs: error.retryAfterMs }),
      };
    }
    this.options.log.warn(
      { transferId: request.transferId, op: request.operation.op, err: error },
      'a cloud request failed on the control plane',
    );
    return { code: 'unavailable', message: 'the control plane could not answer: try again', retryAfterMs: 2000 };
  }
}

function refuseForDirection(place: CloudTransferPlace, operation: CloudOperation) {
  if (place.direction === 'download' && UPLOAD_ONLY.has(operation.op)) {
    throw new CloudStoreError('invalid', `this transfer reads from the location: ${operation.op} writes to it`);
  }
  // What a transfer may delete in the store: a mirror's extra objects, or a move's sources once verified.
  const deletes = place.direction === 'upload' ? place.mode === 'mirror' : place.mode === 'move';
  if (operation.op === 'delete' && !deletes) {
    throw new CloudStoreError('invalid', `a ${place.mode} ${place.direction} deletes nothing in the location`);
  }
}

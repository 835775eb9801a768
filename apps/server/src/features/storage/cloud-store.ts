import type { CloudErrorCode, CloudHttpRequest, CloudObject, PartChecksum } from '@tcpa/contracts';

/**
 * One storage location as the control plane drives it, whatever the provider: the operations
 * an agent's `cloud_request` needs, done with the provider's SDK and the location's keys, which
 * never leave the control plane. Keys here are whole object keys (the caller has put the
 * location's and the transfer's prefixes in front and checked them). URLs handed out are
 * for one object (or part) and one method, and expire at `expiresAt`.
 *
 * Every method throws `CloudStoreError` for what a person can act on (wrong keys, no such bucket,
 * access denied, throttled, unreachable), never the SDK's own error.
 */
export interface CloudStore {
  /** `s3://bucket/prefix`, `azure://account/container/prefix`, `gs://bucket/prefix`. */
  readonly label: string;
  /** What the agent adds to each part: signed-in SHA-256 (S3, GCS) or its own Content-MD5 (Azure). */
  readonly partChecksum: PartChecksum;
  /** The response header a GET answers with the SHA-256 our uploads store as metadata. */
  readonly sha256Header: string;
  /**
   * Set by a store without multipart uploads (GCS with a service account key): every file goes
   * as one `presignPut`, up to this many bytes, and `createMultipart` refuses.
   */
  readonly singlePutMaxBytes?: number;

  /** The bucket or container is there and these keys may list it: for "Test connection". */
  check(prefix: string): Promise<void>;
  stat(
    keys: readonly string[],
  ): Promise<{ key: string; exists: boolean; sizeBytes: number | null; sha256Hex: string | null }[]>;
  /** One page under `prefix`, in key order; keys in the answer are relative to `prefix`. */
  list(
    prefix: string,
    cursor: string | null,
    pageSize: number,
  ): Promise<{ objects: CloudObject[]; cursor: string | null }>;
  /** Whole-object uploads; the SHA-256 is stored as metadata (and checked by the store where it can). */
  presignPut(
    files: readonly { key: string; sizeBytes: number; sha256Hex: string }[],
    expiresAt: number,
  ): Promise<{ key: string; request: CloudHttpRequest }[]>;
  createMultipart(key: string, sha256Hex: string): Promise<string>;
  presignParts(
    key: string,
    uploadId: string,
    parts: readonly { partNumber: number; sha256Base64: string }[],
    expiresAt: number,
  ): Promise<{ partNumber: number; request: CloudHttpRequest }[]>;
  /** Parts in order 1…n, all of them. Returns the object's ETag when the store gives one. */
  completeMultipart(
    key: string,
    uploadId: string,
    sha256Hex: string,
    parts: readonly { partNumber: number; etag: string; sha256Base64: string }[],
  ): Promise<string | null>;
  abortMultipart(key: string, uploadId: string): Promise<void>;
  presignGet(keys: readonly string[], expiresAt: number): Promise<{ key: string; request: CloudHttpRequest }[]>;
  /** Objects already gone count as deleted. */
  delete(keys: readonly string[]): Promise<number>;
}

export class CloudStoreError extends Error {
  constructor(
    readonly code: CloudErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'CloudStoreError';
  }
}

/**
 * Transfers between an agent and a storage location (S3, Azure Blob, GCS). The bytes go between
 * the agent and the store directly; the control plane keeps the location's keys and hands the
 * agent short-lived, single-purpose requests (presigned S3/GCS URLs, a per-blob Azure SAS) through
 * `cloud_request` / `cloud_reply` on the agent's WebSocket. The control plane also creates,
 * completes and aborts multipart uploads, lists and deletes, so the agent never holds a key.
 *
 * Keys in these messages are relative to the transfer's place in the store (the location's
 * prefix and the transfer's own prefix): the control plane prepends both and refuses any key
 * that would leave them.
 */
import { z } from 'zod';
import { IdSchema, textSchema } from './common.ts';

/** An S3 part is 5 MiB at least (but the last); at most 10,000 parts make an object. */
export const MIN_CLOUD_PART_BYTES = 5 * 1024 * 1024;
export const MAX_CLOUD_PART_BYTES = 512 * 1024 * 1024;
export const MAX_CLOUD_PARTS = 10_000;
/** Most URLs, keys or parts one request may ask for: a reply stays well under the frame limit. */
export const MAX_CLOUD_ITEMS_PER_REQUEST = 64;
/** Keys one list page or one delete holds. */
export const MAX_CLOUD_KEYS_PER_PAGE = 1000;

/**
 * A key relative to the transfer's place in the store, `/`-separated as the agent's relative
 * paths are: no leading slash, no `.` or `..` part, no empty part; at most 1,024 characters (S3).
 */
export const CloudRelativeKeySchema = textSchema({ min: 1, max: 1024, trim: false, multiline: true }).refine(
  (key) => !key.startsWith('/') && key.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
  { error: 'must be a key relative to the transfer’s prefix, without "..", "." or empty parts' },
);

const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, { error: 'a lowercase hex SHA-256' });
const Sha256Base64Schema = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, { error: 'a base64 SHA-256' });
const PartNumberSchema = z.number().int().min(1).max(MAX_CLOUD_PARTS);
const UploadIdSchema = textSchema({ min: 1, max: 1024, trim: false });

/**
 * One HTTP request the agent makes as given: the URL carries the authority (a signature or a
 * SAS) and expires at `expiresAt`; `headers` must be sent as they are (some are signed). A
 * URL is a credential: the agent never writes one to its state folder or a log.
 */
export const CloudHttpRequestSchema = z.strictObject({
  method: z.enum(['GET', 'PUT', 'HEAD', 'DELETE']),
  url: z.url({ protocol: /^https?$/ }).max(8192),
  headers: z.record(textSchema({ min: 1, max: 200 }), textSchema({ max: 2048, trim: false })),
  /** ms since the epoch (the server's clock). */
  expiresAt: z.number().int().positive(),
});
export type CloudHttpRequest = z.infer<typeof CloudHttpRequestSchema>;

/**
 * What the agent computes per part for the store to check. `sha256`: the part's SHA-256 was
 * given in the request and is signed into the URL (S3, GCS); the agent sends the headers as
 * given. `content-md5`: the agent adds `Content-MD5` (base64 MD5 of the part) itself (Azure).
 */
export const PartChecksumSchema = z.enum(['sha256', 'content-md5']);
export type PartChecksum = z.infer<typeof PartChecksumSchema>;

// ---------------------------------------------------------------- agent → control plane operations

const file = { key: CloudRelativeKeySchema, sizeBytes: z.number().int().nonnegative() };

export const CloudOperationSchema = z.discriminatedUnion('op', [
  /** What is at these keys now (skip_identical compares size and the stored SHA-256). */
  z.strictObject({
    op: z.literal('stat'),
    keys: z.array(CloudRelativeKeySchema).min(1).max(MAX_CLOUD_ITEMS_PER_REQUEST),
  }),
  /** One page of the objects under the transfer's prefix, in key order; `cursor` from the page before. */
  z.strictObject({ op: z.literal('list'), cursor: textSchema({ min: 1, max: 4096, trim: false }).nullable() }),
  /** Whole-object uploads (files no larger than one part): one request each, with its hash as metadata. */
  z.strictObject({
    op: z.literal('put'),
    files: z
      .array(z.strictObject({ ...file, sha256Hex: Sha256HexSchema }))
      .min(1)
      .max(MAX_CLOUD_ITEMS_PER_REQUEST),
  }),
  /**
   * Start (or find again) the multipart upload of one file. The control plane answers with the
   * same upload id as long as the key, size, SHA-256 and part size are those it started with
   * for this transfer, so a resumed agent continues the same upload.
   */
  z.strictObject({
    op: z.literal('multipart_begin'),
    ...file,
    sha256Hex: Sha256HexSchema,
    partSizeBytes: z.number().int().min(MIN_CLOUD_PART_BYTES).max(MAX_CLOUD_PART_BYTES),
  }),
  /** Requests for these parts of an upload begun; `sha256Base64` is signed in where the store checks it. */
  z.strictObject({
    op: z.literal('part_urls'),
    key: CloudRelativeKeySchema,
    uploadId: UploadIdSchema,
    parts: z
      .array(z.strictObject({ partNumber: PartNumberSchema, sha256Base64: Sha256Base64Schema }))
      .min(1)
      .max(MAX_CLOUD_ITEMS_PER_REQUEST),
  }),
  /**
   * Parts the store took (the agent wrote them to its journal first). The control plane keeps
   * them to complete the upload; telling a part twice changes nothing.
   */
  z.strictObject({
    op: z.literal('parts_done'),
    key: CloudRelativeKeySchema,
    uploadId: UploadIdSchema,
    parts: z
      .array(
        z.strictObject({
          partNumber: PartNumberSchema,
          sizeBytes: z.number().int().positive(),
          etag: textSchema({ min: 1, max: 200, trim: false }),
          sha256Base64: Sha256Base64Schema,
        }),
      )
      .min(1)
      .max(MAX_CLOUD_ITEMS_PER_REQUEST),
  }),
  /** Every part is done: the control plane completes the upload from the parts it was told of. */
  z.strictObject({
    op: z.literal('multipart_complete'),
    key: CloudRelativeKeySchema,
    uploadId: UploadIdSchema,
    partCount: PartNumberSchema,
  }),
  /** Give the upload up (the source file changed under it, or the transfer was canceled). */
  z.strictObject({ op: z.literal('multipart_abort'), key: CloudRelativeKeySchema, uploadId: UploadIdSchema }),
  /** Read requests for these objects (the agent adds `Range` to read parts in parallel). */
  z.strictObject({
    op: z.literal('get_urls'),
    keys: z.array(CloudRelativeKeySchema).min(1).max(MAX_CLOUD_ITEMS_PER_REQUEST),
  }),
  /** Delete these objects (mirror into a location; move out of one once verified). */
  z.strictObject({
    op: z.literal('delete'),
    keys: z.array(CloudRelativeKeySchema).min(1).max(MAX_CLOUD_KEYS_PER_PAGE),
  }),
]);
export type CloudOperation = z.infer<typeof CloudOperationSchema>;
export type CloudOperationName = CloudOperation['op'];

// ---------------------------------------------------------------- control plane → agent results

const CloudObjectSchema = z.strictObject({
  key: CloudRelativeKeySchema,
  sizeBytes: z.number().int().nonnegative(),
  lastModifiedMs: z.number().int().nonnegative(),
});
export type CloudObject = z.infer<typeof CloudObjectSchema>;

export const CloudResultSchemas = {
  stat: z.strictObject({
    objects: z.array(
      z.strictObject({
        key: CloudRelativeKeySchema,
        exists: z.boolean(),
        sizeBytes: z.number().int().nonnegative().nullable(),
        /** From the object's metadata, where an upload of ours (or another tool) put it. */
        sha256Hex: Sha256HexSchema.nullable(),
      }),
    ),
  }),
  list: z.strictObject({
    objects: z.array(CloudObjectSchema).max(MAX_CLOUD_KEYS_PER_PAGE),
    cursor: textSchema({ min: 1, max: 4096, trim: false }).nullable(),
  }),
  put: z.strictObject({
    partChecksum: PartChecksumSchema,
    requests: z.array(z.strictObject({ key: CloudRelativeKeySchema, request: CloudHttpRequestSchema })),
  }),
  multipart_begin: z.strictObject({ uploadId: UploadIdSchema, partChecksum: PartChecksumSchema }),
  part_urls: z.strictObject({
    requests: z.array(z.strictObject({ partNumber: PartNumberSchema, request: CloudHttpRequestSchema })),
  }),
  parts_done: z.strictObject({ stored: z.number().int().nonnegative() }),
  multipart_complete: z.strictObject({ etag: z.string().nullable() }),
  multipart_abort: z.strictObject({}),
  get_urls: z.strictObject({
    requests: z.array(
      z.strictObject({
        key: CloudRelativeKeySchema,
        request: CloudHttpRequestSchema,
        /** The response header holding the SHA-256 an upload stored (`x-amz-meta-sha256`, `x-ms-meta-sha256`). */
        sha256Header: textSchema({ min: 1, max: 100 }),
      }),
    ),
  }),
  delete: z.strictObject({ deleted: z.number().int().nonnegative() }),
} as const satisfies Record<CloudOperationName, z.ZodType>;
export type CloudResult<Op extends CloudOperationName> = z.infer<(typeof CloudResultSchemas)[Op]>;

/**
 * Why an operation failed, for a person and for the agent's retry: `credentials` (the
 * location's keys are wrong or expired), `not_found` (no such bucket or container, or no such
 * key), `access_denied` (the keys may not do this), `throttled` (retry after `retryAfterMs`),
 * `unavailable` (the store did not answer: retry with backoff), `invalid` (the request was
 * wrong), `stopped` (the transfer attempt is no longer running on this agent: stop).
 */
export const CloudErrorCodeSchema = z.enum([
  'credentials',
  'not_found',
  'access_denied',
  'throttled',
  'unavailable',
  'invalid',
  'stopped',
]);
export type CloudErrorCode = z.infer<typeof CloudErrorCodeSchema>;

export const CloudErrorSchema = z.strictObject({
  code: CloudErrorCodeSchema,
  message: textSchema({ max: 2000, multiline: true }),
  retryAfterMs: z.number().int().nonnegative().optional(),
});
export type CloudError = z.infer<typeof CloudErrorSchema>;

/** Agent → control plane. At most 16 of an agent's requests are handled at once; more are answered `throttled` with `retryAfterMs`. */
export const CloudRequestMessageSchema = z.strictObject({
  type: z.literal('cloud_request'),
  requestId: z.uuid(),
  transferId: IdSchema,
  attempt: z.number().int().min(0),
  operation: CloudOperationSchema,
});
export type CloudRequestMessage = z.infer<typeof CloudRequestMessageSchema>;

/**
 * Control plane → agent: `result` (the operation's, `CloudResultSchemas[op]`, checked by the
 * agent) or `error`, never both.
 */
export const CloudReplyMessageSchema = z.strictObject({
  type: z.literal('cloud_reply'),
  requestId: z.uuid(),
  result: z.unknown().optional(),
  error: CloudErrorSchema.optional(),
});
export type CloudReplyMessage = z.infer<typeof CloudReplyMessageSchema>;

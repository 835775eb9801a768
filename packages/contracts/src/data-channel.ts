import { z } from 'zod';
import { TransferFiltersSchema } from './transfer-filters.ts';
import { OverwritePolicySchema, type SymlinkPolicy, SymlinkPolicySchema, TransferModeSchema } from './transfers.ts';

/**
 * The agent-to-agent data channel: TLS 1.3 streams carrying binary frames.
 *
 * A frame is `u32 headerLength | u32 payloadLength | header (UTF-8 JSON) | payload`, both
 * lengths big-endian. The header is one of the schemas below (by `type`); only `chunk` frames
 * have a payload, and its length must equal the header's `length`.
 *
 * - transfer token: an EdDSA JWT signed by the control plane for one attempt of a transfer,
 *   verified offline by the destination (`aud`), valid for minutes. It names the transfer and its
 *   attempt (`tid`, `att`, `jti`), the source agent, the source paths and the destination
 *   directory; the destination writes only the entries the paths name there. A data stream may
 *   join its attempt's accepted control stream after the token expired (a long transfer adds
 *   streams as it tunes); a new control stream needs an unexpired token.
 * - control stream: the first stream of a transfer; carries the manifest, the plan (what the
 *   destination already has), whole-file hashes as the source finishes reading each file, and
 *   per-file results.
 * - data stream: one of the parallel streams carrying chunks; acknowledged chunk by chunk.
 */

/**
 * 3: the source names the terms first (`manifest-start`) and the destination plans each manifest
 * page as it arrives, so sending starts while the source is still walking. A destination still
 * speaks 2 (terms in `manifest-end`, one plan after it) to an older source; a source that meets a
 * destination refusing 3 says hello again in 2.
 */
export const DATA_CHANNEL_VERSION = 3;
export const OLDEST_DATA_CHANNEL_VERSION = 2;
export type DataChannelVersion = 2 | 3;
export const MAX_HEADER_BYTES = 1024 * 1024;
export const MAX_CHUNK_BYTES = 16 * 1024 * 1024;
export const MAX_MANIFEST_ENTRIES_PER_FRAME = 1000;
export const MAX_PATH_BYTES = 4096;

export const TRANSFER_TOKEN_TYPE = 'tcpa-transfer+jwt';

/** Tokens are signed for minutes; the destination refuses any signed for longer than this. */
export const MAX_TRANSFER_TOKEN_LIFETIME_SECONDS = 15 * 60;

export const TransferTokenClaimsSchema = z
  .object({
    tid: z.string().min(1).max(200),
    /** The attempt: counts every start of the transfer, never reset; a newer one supersedes this. */
    att: z.number().int().min(1),
    /** `<tid>:<att>`: one token id per attempt. */
    jti: z.string().min(1).max(220),
    /** The destination agent's id. */
    aud: z.string().min(1).max(200),
    src: z.string().min(1).max(200),
    /** Source paths; the destination writes only `dir/<last part of a path>` and what is below it. */
    paths: z.array(z.string().min(1).max(MAX_PATH_BYTES)).min(1).max(10_000),
    dir: z.string().min(1).max(MAX_PATH_BYTES),
    /**
     * The transfer's mode (absent: copy). The destination deletes what the source lacks only
     * when the control plane signed `mirror` here, whatever a source says.
     */
    mode: TransferModeSchema.optional(),
    exp: z.number().int(),
    iat: z.number().int(),
  })
  .refine((claims) => claims.jti === `${claims.tid}:${claims.att}`, { error: 'jti must be "<tid>:<att>"' })
  .refine((claims) => claims.exp - claims.iat <= MAX_TRANSFER_TOKEN_LIFETIME_SECONDS, {
    error: `a transfer token may live at most ${MAX_TRANSFER_TOKEN_LIFETIME_SECONDS / 60} minutes`,
  });
export type TransferTokenClaims = z.infer<typeof TransferTokenClaimsSchema>;

// One spelling everywhere: the API's (`skip_identical`, `overwrite`, `keep_both`).
export { OverwritePolicySchema, type SymlinkPolicy, SymlinkPolicySchema };
export type OverwritePolicy = z.infer<typeof OverwritePolicySchema>;

const FileIndexSchema = z.number().int().min(0).max(10_000_000);
const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);
const RangeSchema = z.tuple([z.number().int().min(0), z.number().int().min(1)]);

export const ManifestEntrySchema = z.strictObject({
  index: FileIndexSchema,
  path: z.string().max(MAX_PATH_BYTES),
  kind: z.enum(['file', 'dir', 'symlink']),
  /** Symlinks: the link's text, relative to the link's folder, staying inside the top-level folder sent. */
  target: z.string().min(1).max(MAX_PATH_BYTES).optional(),
  size: z.number().int().min(0),
  mode: z.number().int().min(0).max(0o7777),
  mtimeMs: z.number(),
  /** Optional: a source that hashes while sending tells the hash later (`file-hash`, or on the chunk). */
  sha256: Sha256Schema.optional(),
});
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

export const FileStatusSchema = z.enum(['written', 'skipped', 'failed']);
export type FileStatus = z.infer<typeof FileStatusSchema>;

// ---------------------------------------------------------------- source → destination
export const HelloFrameSchema = z.strictObject({
  type: z.literal('hello'),
  version: z.union([z.literal(OLDEST_DATA_CHANNEL_VERSION), z.literal(DATA_CHANNEL_VERSION)]),
  token: z.string().min(1).max(16_384),
  role: z.enum(['control', 'data']),
});
export const ManifestFrameSchema = z.strictObject({
  type: z.literal('manifest'),
  entries: z.array(ManifestEntrySchema).max(MAX_MANIFEST_ENTRIES_PER_FRAME),
});
/**
 * Mirror: paths the source holds but does not send (left out as unchanged by `modifiedAfterMs`,
 * or skipped with a reason); the destination keeps them and what is below them.
 */
export const KeepFrameSchema = z.strictObject({
  type: z.literal('keep'),
  paths: z.array(z.string().max(MAX_PATH_BYTES)).max(MAX_MANIFEST_ENTRIES_PER_FRAME),
});
/** How the transfer runs: version 3 sends it before the manifest (2: in `manifest-end`). */
const ManifestTermsShape = {
  overwrite: OverwritePolicySchema,
  /** Absent: copy. `mirror` is refused unless the transfer token says mirror too. */
  mode: TransferModeSchema.optional(),
  /** Mirror: the source's filters; what they leave out at the destination is kept. */
  filters: TransferFiltersSchema.nullable().optional(),
  /** Plan only: the destination writes nothing and lists what a mirror would delete, then plan-end. */
  dryRun: z.boolean().optional(),
};
/** Version 3: the terms, first; each `manifest` page is then answered with its `plan` at once (with `same`). */
export const ManifestStartFrameSchema = z.strictObject({ type: z.literal('manifest-start'), ...ManifestTermsShape });
export const ManifestEndFrameSchema = z.strictObject({
  type: z.literal('manifest-end'),
  entryCount: z.number().int().min(0),
  /** Version 2 only (3 sends the terms in `manifest-start`, and nothing more here). */
  ...ManifestTermsShape,
  overwrite: OverwritePolicySchema.optional(),
  /**
   * Version 2: the source reads `same` on plan entries: files passing the quick check come in the
   * plan instead of one file-result each. Absent (an older source): file-results as before.
   */
  sameInPlan: z.literal(true).optional(),
});
export const ChunkFrameSchema = z.strictObject({
  type: z.literal('chunk'),
  file: FileIndexSchema,
  offset: z.number().int().min(0),
  length: z.number().int().min(1).max(MAX_CHUNK_BYTES),
  crc32: z.number().int().min(0).max(0xffffffff),
  /** The whole file's SHA-256, on a chunk that is the whole file (small files: no `file-hash` frame). */
  sha256: Sha256Schema.optional(),
});
/** The whole-file SHA-256, computed by the source while it read the file for sending. */
export const FileHashFrameSchema = z.strictObject({
  type: z.literal('file-hash'),
  file: FileIndexSchema,
  sha256: Sha256Schema,
});
export const FileAbortFrameSchema = z.strictObject({
  type: z.literal('file-abort'),
  file: FileIndexSchema,
  reason: z.string().max(1000),
});
export const DoneFrameSchema = z.strictObject({ type: z.literal('done') });

// ---------------------------------------------------------------- destination → source
export const HelloOkFrameSchema = z.strictObject({ type: z.literal('hello-ok') });
export const PlanEntrySchema = z.strictObject({
  file: FileIndexSchema,
  /** Byte ranges `[offset, length]` the destination already holds (from its journal). */
  have: z.array(RangeSchema),
  /** skip_identical: the hash of a same-size file already at the target; a source with that hash sends nothing. */
  sha256: Sha256Schema.optional(),
  /** Only if manifest-end asked (`sameInPlan`): skipped, nothing to send (same size and mtime; a folder: it exists). */
  same: z.literal(true).optional(),
});
export const PlanFrameSchema = z.strictObject({
  type: z.literal('plan'),
  entries: z.array(PlanEntrySchema).max(MAX_MANIFEST_ENTRIES_PER_FRAME),
});
export const PlanEndFrameSchema = z.strictObject({ type: z.literal('plan-end') });
export const ChunkAckFrameSchema = z.strictObject({
  type: z.literal('chunk-ack'),
  file: FileIndexSchema,
  offset: z.number().int().min(0),
  length: z.number().int().min(1),
});
export const ChunkNackFrameSchema = z.strictObject({
  type: z.literal('chunk-nack'),
  file: FileIndexSchema,
  offset: z.number().int().min(0),
  length: z.number().int().min(1),
  /** `crc`: resend it; `file-closed`: the file has failed or was aborted, drop it. */
  reason: z.enum(['crc', 'file-closed']),
});
export const FileResultFrameSchema = z.strictObject({
  type: z.literal('file-result'),
  file: FileIndexSchema,
  status: FileStatusSchema,
  /** Where it landed, relative to the destination directory (differs from the manifest for keep_both). */
  path: z.string().max(MAX_PATH_BYTES).optional(),
  reason: z.string().max(1000).optional(),
  /** The file-system error behind a failure (ENOSPC, EACCES…): the source judges from it whether another attempt may pass. */
  code: z
    .string()
    .regex(/^E[A-Z0-9]{1,31}$/)
    .optional(),
});
/** Mirror: a page of what was deleted below the destination directory (dry run: what would be). */
export const DeletedFrameSchema = z.strictObject({
  type: z.literal('deleted'),
  entries: z
    .array(
      z.strictObject({
        /** Relative to the destination directory. */
        path: z.string().max(MAX_PATH_BYTES),
        kind: z.enum(['file', 'dir', 'symlink']),
        size: z.number().int().min(0),
        /** Deleting it failed (it stays): why. */
        error: z.string().max(1000).optional(),
      }),
    )
    .max(MAX_MANIFEST_ENTRIES_PER_FRAME),
});
export const DoneOkFrameSchema = z.strictObject({
  type: z.literal('done-ok'),
  /** Mirror: nothing was deleted, and why (a file of the transfer failed). */
  deletionsHeld: z.string().max(1000).optional(),
});
export const ErrorFrameSchema = z.strictObject({
  type: z.literal('error'),
  code: z.string().max(100),
  message: z.string().max(1000),
});

export const SourceFrameSchema = z.discriminatedUnion('type', [
  HelloFrameSchema,
  ManifestStartFrameSchema,
  ManifestFrameSchema,
  KeepFrameSchema,
  ManifestEndFrameSchema,
  ChunkFrameSchema,
  FileHashFrameSchema,
  FileAbortFrameSchema,
  DoneFrameSchema,
  // The source stops (canceled, a fatal error) and says why before it closes.
  ErrorFrameSchema,
]);
export type SourceFrame = z.infer<typeof SourceFrameSchema>;

export const DestinationFrameSchema = z.discriminatedUnion('type', [
  HelloOkFrameSchema,
  PlanFrameSchema,
  PlanEndFrameSchema,
  ChunkAckFrameSchema,
  ChunkNackFrameSchema,
  FileResultFrameSchema,
  DeletedFrameSchema,
  DoneOkFrameSchema,
  ErrorFrameSchema,
]);
export type DestinationFrame = z.infer<typeof DestinationFrameSchema>;

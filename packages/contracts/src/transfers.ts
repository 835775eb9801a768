import { z } from 'zod';
import { IdSchema, TimestampSchema, textSchema } from './common.ts';
import { MAX_DECISIONS_PER_MESSAGE, TuningDecisionSchema, TuningSummarySchema } from './tuning.ts';

export const TransferStateSchema = z.enum([
  'queued',
  'running',
  'verifying',
  'paused',
  'succeeded',
  'failed',
  'canceled',
]);
export type TransferState = z.infer<typeof TransferStateSchema>;
export const FINISHED_TRANSFER_STATES: readonly TransferState[] = ['succeeded', 'failed', 'canceled'];

export const OverwritePolicySchema = z.enum(['skip_identical', 'overwrite', 'keep_both']);

/** A path relative to an agent's roots: no leading slash, no `..`, no empty parts, no control characters. */
export const RelativePathSchema = textSchema({ min: 1, max: 4096, trim: false }).refine(
  (path) =>
    !path.startsWith('/') &&
    !/^[A-Za-z]:/.test(path) &&
    path.split('/').every((part) => part !== '' && part !== '..' && part !== '.'),
  { error: 'must be a path relative to the agent roots, without "..", "." or empty parts' },
);

export const CreateTransferBodySchema = z.strictObject({
  sourceAgentId: IdSchema,
  sourcePaths: z.array(RelativePathSchema).min(1).max(1000),
  destinationAgentId: IdSchema,
  destinationDir: RelativePathSchema,
  overwrite: OverwritePolicySchema.default('skip_identical'),
  /** Bits per second, like every `…Bps` field (network rates are quoted in bits). */
  bandwidthLimitBps: z.number().int().min(1000).optional(),
  priority: z.number().int().min(0).max(9).default(5),
  maxAttempts: z.number().int().min(1).max(10).default(3),
});
export type CreateTransferBody = z.infer<typeof CreateTransferBodySchema>;

export const TransferSchema = z.strictObject({
  id: IdSchema,
  projectId: IdSchema,
  sourceAgentId: IdSchema,
  sourcePaths: z.array(z.string()),
  destinationAgentId: IdSchema,
  destinationDir: z.string(),
  overwrite: OverwritePolicySchema,
  bandwidthLimitBps: z.number().nullable(),
  priority: z.number().int(),
  state: TransferStateSchema,
  /** Why it is in this state, in words for a person (e.g. "waiting for destination agent to come online"). */
  stateReason: z.string().nullable(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /**
   * A queued transfer held up by something that passes by itself (e.g. "the destination agent is
   * unreachable"): it waits and retries without using up attempts. Null otherwise.
   */
  waitingFor: z.string().nullable(),
  /** Since when it waits for that (the first such failure in a row). */
  waitingSince: TimestampSchema.nullable(),
  bytesTotal: z.number().nullable(),
  bytesDone: z.number(),
  filesTotal: z.number().nullable(),
  filesDone: z.number().int(),
  /** Bits per second. */
  rateBps: z.number().nullable(),
  etaSeconds: z.number().nullable(),
  stats: z.record(z.string(), z.unknown()).nullable(),
  createdAt: TimestampSchema,
  startedAt: TimestampSchema.nullable(),
  finishedAt: TimestampSchema.nullable(),
});
export type Transfer = z.infer<typeof TransferSchema>;

export const TransferFileSchema = z.strictObject({
  path: z.string(),
  size: z.number(),
  sha256: z.string().nullable(),
  status: z.enum(['pending', 'sending', 'done', 'skipped', 'failed']),
  error: z.string().nullable(),
});
/** A tuner decision as stored: which attempt of the transfer made it. */
export const StoredTuningDecisionSchema = TuningDecisionSchema.extend({ attempt: z.number().int() });
export const TransferDetailSchema = z.strictObject({
  transfer: TransferSchema,
  files: z.array(TransferFileSchema),
  /** The tuner's decisions, oldest first (stream count and chunk size changes, with their reasons). */
  decisions: z.array(StoredTuningDecisionSchema),
});
export type TransferDetail = z.infer<typeof TransferDetailSchema>;
export const TransferListSchema = z.strictObject({ transfers: z.array(TransferSchema) });
export const TransferListQuerySchema = z.strictObject({
  state: TransferStateSchema.optional(),
  agentId: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Agent → server: progress and outcome of a transfer it runs (the source agent reports). */
export const TransferProgressSchema = z.strictObject({
  transferId: IdSchema,
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  filesDone: z.number().int().nonnegative(),
  filesTotal: z.number().int().nonnegative(),
  rateBps: z.number().nonnegative(),
  streams: z.number().int().nonnegative().optional(),
  chunkSize: z.number().int().nonnegative().optional(),
  /** Tuner decisions made since the previous report. */
  decisions: z.array(TuningDecisionSchema).max(MAX_DECISIONS_PER_MESSAGE).optional(),
});
export type TransferProgress = z.infer<typeof TransferProgressSchema>;

export const TransferOutcomeSchema = z.strictObject({
  transferId: IdSchema,
  state: z.enum(['verifying', 'succeeded', 'failed']),
  reason: textSchema({ max: 2000, multiline: true }).optional(),
  /** Failures that may pass on a later attempt (network, peer offline) vs ones that will not. */
  retryable: z.boolean().default(true),
  /**
   * A retryable failure that passes by itself (the destination unreachable or restarting), in
   * words: the transfer waits for it and retries with backoff without using up an attempt.
   */
  waitingFor: textSchema({ max: 500 }).optional(),
  files: z
    .array(
      z.strictObject({
        path: textSchema({ max: 4096, trim: false }),
        size: z.number().nonnegative(),
        sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .nullable(),
        status: z.enum(['done', 'skipped', 'failed']),
        error: textSchema({ max: 2000, multiline: true }).nullable(),
      }),
    )
    .max(100_000)
    .optional(),
  /** Figures of the attempt (bytes, milliseconds, bits per second): numbers only, kept as JSON. */
  stats: z.record(textSchema({ min: 1, max: 100 }), z.number().nullable()).optional(),
  /** Decisions not yet reported in progress (resending one already stored is harmless). */
  decisions: z.array(TuningDecisionSchema).max(MAX_DECISIONS_PER_MESSAGE).optional(),
  /** Where the tuner ended: the path's history when the transfer succeeded. */
  tuning: TuningSummarySchema.optional(),
});
export type TransferOutcome = z.infer<typeof TransferOutcomeSchema>;

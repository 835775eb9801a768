import { z } from 'zod';
import { IdSchema, pathTextSchema, TimestampSchema, textSchema } from './common.ts';
import { TransferFiltersSchema } from './transfer-filters.ts';
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

/** What a person may do to a transfer: `POST …/transfers/:id/<action>`, a dashboard button, an MCP tool. */
export const TransferActionSchema = z.enum(['pause', 'resume', 'cancel', 'retry']);
export type TransferAction = z.infer<typeof TransferActionSchema>;

/**
 * From which states each action is allowed, the state it leads to and the reason it leaves: the
 * one table the API enforces and the dashboard offers buttons from.
 */
export const TRANSFER_ACTIONS = {
  pause: { from: ['queued', 'running'], to: 'paused', reason: 'paused by a user' },
  resume: { from: ['paused'], to: 'queued', reason: 'resumed: waiting to start' },
  cancel: { from: ['queued', 'running', 'verifying', 'paused'], to: 'canceled', reason: 'canceled by a user' },
  retry: { from: ['failed', 'canceled'], to: 'queued', reason: 'retried: waiting to start' },
} as const satisfies Record<TransferAction, { from: readonly TransferState[]; to: TransferState; reason: string }>;

/** The actions a transfer in this state allows, in the order the dashboard shows them. */
export function transferActions(state: TransferState): TransferAction[] {
  return TransferActionSchema.options.filter((action) =>
    (TRANSFER_ACTIONS[action].from as readonly TransferState[]).includes(state),
  );
}

/** Why an action is refused in a state, naming what that state allows. */
export function refusedTransferAction(action: TransferAction, state: TransferState): string {
  const allowed = transferActions(state);
  const offer = allowed.length === 0 ? 'no action' : allowed.join(' or ');
  return `Cannot ${action} a transfer that is ${state}: a ${state} transfer allows ${offer}`;
}

export const OverwritePolicySchema = z.enum(['skip_identical', 'overwrite', 'keep_both']);

/**
 * `copy`: files are written to the destination, nothing is deleted. `mirror`: the destination
 * folder of each source path is made identical to it: what the source does not hold (filters
 * aside: what they leave out is kept) is deleted, only below the destination directory and never
 * through a symlink, and only once every file arrived. `move`: each source file (and link) is
 * deleted once the destination verified its hash (written, or found identical by hash); folders
 * stay. One-off transfers are copies; jobs choose.
 */
export const TransferModeSchema = z.enum(['copy', 'mirror', 'move']);
export type TransferMode = z.infer<typeof TransferModeSchema>;

/**
 * What a transfer does with the symlinks it meets. `preserve`: recreated as links when their
 * target stays inside the folder sent (re-expressed relative), others skipped with the reason;
 * `follow`: sent as what they point to, refused when that leaves the agent's roots; `skip`: left
 * out, each listed with the reason.
 */
export const SymlinkPolicySchema = z.enum(['preserve', 'follow', 'skip'], {
  error: 'symlinks must be one of "preserve", "follow" or "skip"',
});
export type SymlinkPolicy = z.infer<typeof SymlinkPolicySchema>;

/**
 * A path relative to an agent's roots, as people send it: no leading slash, no `..`, no empty
 * parts; tabs and line breaks are fine (file names hold them), other control characters are not.
 */
export const RelativePathSchema = textSchema({ min: 1, max: 4096, trim: false, multiline: true }).refine(
  (path) =>
    !path.startsWith('/') &&
    !/^[A-Za-z]:/.test(path) &&
    path.split('/').every((part) => part !== '' && part !== '..' && part !== '.'),
  { error: 'must be a path relative to the agent roots, without "..", "." or empty parts' },
);

/**
 * A key prefix inside a storage location, under the location's own prefix: relative, no `..` or
 * `.` part; empty for the location's own prefix. A trailing slash is allowed (and changes nothing).
 */
export const TransferPrefixSchema = textSchema({ max: 1000, trim: false }).refine(
  (prefix) =>
    !prefix.startsWith('/') &&
    prefix.split('/').every((part, index, parts) => {
      if (part === '') return index === parts.length - 1; // '' itself, or a trailing slash
      return part !== '.' && part !== '..';
    }),
  { error: 'must be a key prefix relative to the location’s prefix, without "..", "." or empty parts' },
);

/**
 * Each side is an agent (`sourceAgentId` with `sourcePaths`, `destinationAgentId` with
 * `destinationDir`) or a storage location of the project (`sourceLocationId`, `destinationLocationId`,
 * with an optional prefix in it). One side must be an agent: it moves the bytes.
 */
export const CreateTransferBodySchema = z
  .strictObject({
    sourceAgentId: IdSchema.optional(),
    sourcePaths: z.array(RelativePathSchema).min(1).max(1000).optional(),
    sourceLocationId: IdSchema.optional().describe('a storage location of the project to download from'),
    sourcePrefix: TransferPrefixSchema.optional().describe(
      'with sourceLocationId: the objects under this prefix (inside the location’s) are sent; default: all of them',
    ),
    destinationAgentId: IdSchema.optional(),
    destinationDir: RelativePathSchema.optional(),
    destinationLocationId: IdSchema.optional().describe('a storage location of the project to upload to'),
    destinationPrefix: TransferPrefixSchema.optional().describe(
      'with destinationLocationId: where the files go, under the location’s prefix; default: the location’s prefix',
    ),
    overwrite: OverwritePolicySchema.default('skip_identical'),
    symlinks: SymlinkPolicySchema.default('preserve').describe(
      'symlinks in the sources: "preserve" (default) recreates links pointing inside the folder sent and skips others; "follow" copies what they point to, never outside the agent roots; "skip" leaves them out. Entries left out are listed with the reason.',
    ),
    filters: TransferFiltersSchema.optional().describe(
      'which files to take, gitignore-like: "include"/"exclude" globs matched against the path inside each source path (a pattern without "/" matches a name at any depth, a trailing "/" matches folders only, exclude wins), "minSizeBytes"/"maxSizeBytes" (inclusive, files only), "skipHidden" (names starting with ".").',
    ),
    /** Bits per second, like every `…Bps` field (network rates are quoted in bits). */
    bandwidthLimitBps: z.number().int().min(1000).optional(),
    priority: z.number().int().min(0).max(9).default(5),
    maxAttempts: z.number().int().min(1).max(10).default(3),
  })
  .superRefine((body, context) => {
    for (const issue of transferEndpointIssues(body)) context.addIssue({ code: 'custom', ...issue });
  });

export type CreateTransferBody = z.infer<typeof CreateTransferBodySchema>;

/** A transfer's two sides as the create body names them (agents, paths, locations, prefixes). */
export type TransferEndpoints = Pick<
  CreateTransferBody,
  | 'sourceAgentId'
  | 'sourcePaths'
  | 'sourceLocationId'
  | 'sourcePrefix'
  | 'destinationAgentId'
  | 'destinationDir'
  | 'destinationLocationId'
  | 'destinationPrefix'
>;

/** What is wrong with a transfer's (or a job's) two sides, each naming its field: mixed, missing or two locations. */
export function transferEndpointIssues(body: TransferEndpoints): { path: string[]; message: string }[] {
  const side = (
    name: 'source' | 'destination',
    agent: [string, unknown],
    place: [string, unknown],
    location: [string, unknown],
    prefix: [string, unknown],
  ) => {
    const agentGiven = agent[1] !== undefined || place[1] !== undefined;
    const locationGiven = location[1] !== undefined || prefix[1] !== undefined;
    if (agentGiven && locationGiven) {
      const field = agent[1] !== undefined ? agent[0] : place[0];
      return [
        {
          path: [location[1] !== undefined ? location[0] : prefix[0]],
          message: `give ${agent[0]} with ${place[0]} or ${location[0]}, not both (${field} was given too)`,
        },
      ];
    }
    if (agentGiven) {
      const missing = agent[1] === undefined ? agent[0] : place[1] === undefined ? place[0] : null;
      return missing
        ? [{ path: [missing], message: `${missing} is required with ${missing === agent[0] ? place[0] : agent[0]}` }]
        : [];
    }
    if (locationGiven) {
      return location[1] === undefined
        ? [{ path: [location[0]], message: `${location[0]} is required with ${prefix[0]}` }]
        : [];
    }
    return [{ path: [agent[0]], message: `a ${name} is required: ${agent[0]} with ${place[0]}, or ${location[0]}` }];
  };
  const issues = [
    ...side(
      'source',
      ['sourceAgentId', body.sourceAgentId],
      ['sourcePaths', body.sourcePaths],
      ['sourceLocationId', body.sourceLocationId],
      ['sourcePrefix', body.sourcePrefix],
    ),
    ...side(
      'destination',
      ['destinationAgentId', body.destinationAgentId],
      ['destinationDir', body.destinationDir],
      ['destinationLocationId', body.destinationLocationId],
      ['destinationPrefix', body.destinationPrefix],
    ),
  ];
  if (issues.length === 0 && body.sourceLocationId !== undefined && body.destinationLocationId !== undefined) {
    issues.push({
      path: ['destinationLocationId'],
      message:
        'a transfer between two storage locations needs an agent to carry the bytes: send from the source location to an agent, then from it to the destination location',
    });
  }
  return issues;
}

export const TransferSchema = z.strictObject({
  id: IdSchema,
  projectId: IdSchema,
  /** The job whose run queued it; null for a one-off transfer (and once its job is deleted). */
  jobId: IdSchema.nullable(),
  /** The agent sending, or null when the source is a storage location. */
  sourceAgentId: IdSchema.nullable(),
  sourcePaths: z.array(z.string()).nullable(),
  /** The storage location read from (null once it was deleted, or when an agent sends). */
  sourceLocationId: IdSchema.nullable(),
  sourcePrefix: z.string().nullable(),
  /** The agent receiving, or null when the destination is a storage location. */
  destinationAgentId: IdSchema.nullable(),
  destinationDir: z.string().nullable(),
  destinationLocationId: IdSchema.nullable(),
  destinationPrefix: z.string().nullable(),
  /** The store's side as people read it (`s3://bucket/prefix`), when one side is a storage location. */
  storeLabel: z.string().nullable(),
  overwrite: OverwritePolicySchema,
  symlinks: SymlinkPolicySchema,
  /** Copy for one-off transfers; a job's runs take the job's mode. */
  mode: TransferModeSchema,
  /** Null: every file of the source paths. */
  filters: TransferFiltersSchema.nullable(),
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
  /** `deleted`: removed from the destination by a mirror (the path is the destination's). */
  status: z.enum(['pending', 'sending', 'done', 'skipped', 'failed', 'deleted']),
  error: z.string().nullable(),
  /** Move: the source file was deleted after its hash was verified at the destination. */
  sourceDeleted: z.boolean(),
});
/** A tuner decision as stored: which attempt of the transfer made it (every start counts, retries too). */
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

/**
 * File results go in pages of at most this many (and about 64 KiB): a report never grows with the
 * transfer (13,190 files in one outcome made 2.2 MB, past the 256 KiB message limit).
 */
export const MAX_FILES_PER_REPORT = 500;

/** What happened to one file of a transfer, as its source agent reports it. */
export const TransferFileResultSchema = z.strictObject({
  path: pathTextSchema({ max: 4096 }),
  size: z.number().nonnegative(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  /** `deleted`: a mirror removed it from the destination (path relative to the destination directory). */
  status: z.enum(['done', 'skipped', 'failed', 'deleted']),
  error: textSchema({ max: 2000, multiline: true }).nullable(),
  /** Move: the source deleted its copy after the destination verified the hash. */
  sourceDeleted: z.boolean().optional(),
});
export type TransferFileResult = z.infer<typeof TransferFileResultSchema>;

/**
 * The agent's number for a report it keeps until the server acknowledges it (`transfer_ack`);
 * a report may arrive twice (resent after a reconnection), and storing it again changes nothing.
 */
const ReportSeqSchema = z.number().int().positive();

/** Agent → server: one page of file results of a transfer, sent before its outcome. */
export const TransferFilesSchema = z.strictObject({
  transferId: IdSchema,
  seq: ReportSeqSchema.optional(),
  files: z.array(TransferFileResultSchema).min(1).max(MAX_FILES_PER_REPORT),
});
export type TransferFiles = z.infer<typeof TransferFilesSchema>;

export const TransferOutcomeSchema = z.strictObject({
  transferId: IdSchema,
  seq: ReportSeqSchema.optional(),
  state: z.enum(['verifying', 'succeeded', 'failed']),
  reason: textSchema({ max: 2000, multiline: true }).optional(),
  /** Failures that may pass on a later attempt (network, peer offline) vs ones that will not. */
  retryable: z.boolean().default(true),
  /**
   * A retryable failure that passes by itself (the destination unreachable or restarting), in
   * words: the transfer waits for it and retries with backoff without using up an attempt.
   */
  waitingFor: textSchema({ max: 500 }).optional(),
  /** Only a last few: an agent sends file results in `transfer_files` pages before the outcome. */
  files: z.array(TransferFileResultSchema).max(MAX_FILES_PER_REPORT).optional(),
  /** Figures of the attempt (bytes, milliseconds, bits per second): numbers only, kept as JSON. */
  stats: z.record(textSchema({ min: 1, max: 100 }), z.number().nullable()).optional(),
  /** Decisions not yet reported in progress (resending one already stored is harmless). */
  decisions: z.array(TuningDecisionSchema).max(MAX_DECISIONS_PER_MESSAGE).optional(),
  /** Where the tuner ended: the path's history when the transfer succeeded. */
  tuning: TuningSummarySchema.optional(),
});
export type TransferOutcome = z.infer<typeof TransferOutcomeSchema>;

export const MAX_RECONCILED_TRANSFERS = 1000;
/**
 * Agent → server on every connection: the transfers this agent runs as source and those it has
 * finished whose reports the server has not acknowledged yet. Any other transfer the server has
 * as running on this agent is no longer run and is put back in the queue.
 */
export const TransferReconcileSchema = z.strictObject({
  transfers: z
    .array(z.strictObject({ transferId: IdSchema, state: z.enum(['running', 'finished']) }))
    .max(MAX_RECONCILED_TRANSFERS),
});
export type TransferReconcile = z.infer<typeof TransferReconcileSchema>;

/** What a transfer sends, in words: its paths, or the store it reads (`s3://bucket/prefix/`). */
export function transferSourceWords(transfer: Pick<Transfer, 'sourcePaths' | 'storeLabel'>): string {
  return transfer.sourcePaths?.join(', ') ?? transfer.storeLabel ?? 'a storage location';
}

/** Where a transfer writes, in words: its directory, or the store it writes to. */
export function transferDestinationWords(transfer: Pick<Transfer, 'destinationDir' | 'storeLabel'>): string {
  return transfer.destinationDir ?? transfer.storeLabel ?? 'a storage location';
}

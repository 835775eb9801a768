/**
 * Commands the control plane sends an agent over its WebSocket (`{type: "command"}`): one schema
 * for both ends. The server can send only these; the agent runs these and answers anything else
 * (an unknown name, bad arguments) with a failed `command_result` naming what was wrong.
 *
 * Arguments are plain objects, not strict ones: an agent one release behind ignores a field it
 * does not know yet instead of refusing the whole command.
 */
import { z } from 'zod';
import { ListFilesArgsSchema } from './agent-files.ts';
import { MAX_CLOUD_PART_BYTES, MIN_CLOUD_PART_BYTES } from './cloud-transfers.ts';
import { IdSchema, textSchema } from './common.ts';
import { StorageProbeArgsSchema } from './storage-probe.ts';
import { TransferFiltersSchema } from './transfer-filters.ts';
import { OverwritePolicySchema, SymlinkPolicySchema, TransferModeSchema } from './transfers.ts';
import { TuningSettingSchema } from './tuning.ts';

/** An attempt of a transfer: every start counts, retries too; transfer tokens name it. */
const AttemptSchema = z.number().int().min(0);

/** Where the destination agent receives: the address the server knows and its pinned certificate. */
export const DataEndpointSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, { error: 'a lowercase hex SHA-256 fingerprint' }),
});
export type DataEndpoint = z.infer<typeof DataEndpointSchema>;

/** Start (or resume) sending a transfer as its source agent. */
export const TransferStartArgsSchema = z.object({
  transferId: IdSchema,
  attempt: AttemptSchema,
  /** Signed by the control plane; the destination checks it offline. */
  token: z.string().min(1),
  /** Relative to the source agent's roots; the agent checks each before reading. */
  sourcePaths: z.array(z.string().min(1)).min(1),
  destinationAgentId: IdSchema,
  destination: DataEndpointSchema,
  overwrite: OverwritePolicySchema,
  symlinks: SymlinkPolicySchema,
  /** Which files the source takes while walking its paths; null (or absent, from an older server): all. */
  filters: TransferFiltersSchema.nullable().default(null),
  /** Also in the transfer token: the destination deletes (mirror) only when the token says so. */
  mode: TransferModeSchema.default('copy'),
  /**
   * Only files modified after this time (ms since the epoch) are sent; in a mirror the others
   * still count as present at the source. Null: all.
   */
  modifiedAfterMs: z.number().nullable().default(null),
  /** Bits per second; null: no limit. */
  bandwidthLimitBps: z.number().int().positive().nullable(),
  /** What worked last on this path; the tuner starts from it. */
  tuning: TuningSettingSchema.nullable(),
});
export type TransferStartArgs = z.infer<typeof TransferStartArgsSchema>;

/**
 * Run a transfer between this agent and a storage location: `upload` sends `sourcePaths` (relative
 * to the agent's roots) to the location, each under the transfer's prefix by its last name, as
 * agent-to-agent transfers place them; `download` writes every object under the transfer's prefix
 * into `destinationDir`, at its key relative to that prefix. Keys, URLs and completion go through
 * `cloud_request` (see cloud-transfers.ts); reports are the same as a source agent's.
 */
export const CloudTransferStartArgsSchema = z.object({
  transferId: IdSchema,
  attempt: AttemptSchema,
  direction: z.enum(['upload', 'download']),
  /** Upload: what to send, relative to the agent's roots. */
  sourcePaths: z.array(z.string().min(1)).max(1000).default([]),
  /** Download: where to write, relative to the agent's roots. */
  destinationDir: z.string().min(1).nullable().default(null),
  /** For messages and logs: `s3://bucket/prefix`, `azure://account/container/prefix`, `gs://bucket/prefix`. */
  storeLabel: z.string().min(1).max(2000),
  overwrite: OverwritePolicySchema,
  symlinks: SymlinkPolicySchema,
  filters: TransferFiltersSchema.nullable().default(null),
  mode: TransferModeSchema.default('copy'),
  modifiedAfterMs: z.number().nullable().default(null),
  bandwidthLimitBps: z.number().int().positive().nullable(),
  /** Files larger than one part go as a multipart upload of parts this size; the tuner keeps it per file. */
  partSizeBytes: z.number().int().min(MIN_CLOUD_PART_BYTES).max(MAX_CLOUD_PART_BYTES),
  /** Parts (or whole small files) in flight at once, to start with: the tuner moves it. */
  concurrency: z.number().int().min(1).max(64),
});
export type CloudTransferStartArgs = z.infer<typeof CloudTransferStartArgsSchema>;

/** `attempt`: the attempt stopped; transfer tokens of it and earlier ones are refused from now on. */
const TransferStopArgsSchema = z.object({ transferId: IdSchema, attempt: AttemptSchema });

const StartCommand = z.strictObject({ name: z.literal('transfer.start'), args: TransferStartArgsSchema });
const CloudStartCommand = z.strictObject({
  name: z.literal('transfer.cloud_start'),
  args: CloudTransferStartArgsSchema,
});
/** Stop sending and receiving that attempt; the destination keeps its journal for a resume. */
const PauseCommand = z.strictObject({ name: z.literal('transfer.pause'), args: TransferStopArgsSchema });
const CancelCommand = z.strictObject({ name: z.literal('transfer.cancel'), args: TransferStopArgsSchema });
/**
 * No progress came for a while: the agent answers ok if it still runs the transfer and fails the
 * command if not (the server then puts that attempt back in the queue).
 */
const CheckCommand = z.strictObject({
  name: z.literal('transfer.check'),
  args: z.object({ transferId: IdSchema, attempt: AttemptSchema }),
});
/** An agent of the project was revoked: receive nothing more from it, send nothing more to it. */
const RevokedCommand = z.strictObject({ name: z.literal('agent.revoked'), args: z.object({ agentId: IdSchema }) });
/**
 * Plan a transfer without sending or deleting anything: the source walks and talks to the
 * destination over the data channel exactly as for a run, then answers with a TransferPlan.
 */
export const TransferPreviewArgsSchema = TransferStartArgsSchema.omit({ bandwidthLimitBps: true, tuning: true }).extend(
  {
    requestId: z.uuid(),
  },
);
export type TransferPreviewArgs = z.infer<typeof TransferPreviewArgsSchema>;
const PreviewCommand = z.strictObject({ name: z.literal('transfer.preview'), args: TransferPreviewArgsSchema });
/** List one directory inside the agent's roots; the agent answers with a FileList as the result. */
const ListFilesCommand = z.strictObject({ name: z.literal('agent.list_files'), args: ListFilesArgsSchema });
/** Upload and read back a small object through the requests given ("Test connection"); a StorageProbeResult answers. */
const StorageProbeCommand = z.strictObject({ name: z.literal('storage.probe'), args: StorageProbeArgsSchema });

export const AgentCommandSchema = z.discriminatedUnion('name', [
  StartCommand,
  CloudStartCommand,
  PauseCommand,
  CancelCommand,
  CheckCommand,
  RevokedCommand,
  ListFilesCommand,
  PreviewCommand,
  StorageProbeCommand,
]);
export type AgentCommand = z.infer<typeof AgentCommandSchema>;
export type AgentCommandName = AgentCommand['name'];
export const AGENT_COMMAND_NAMES: readonly string[] = AgentCommandSchema.options.map(
  (option) => option.shape.name.value,
);

/**
 * Names a command so its result can be matched to it without a lookup table: the name and what
 * it is about. The agent echoes it in `command_result`, even for a command it could not read.
 */
export const CommandIdSchema = z.strictObject({
  name: textSchema({ min: 1, max: 100 }),
  transferId: IdSchema.optional(),
  attempt: AttemptSchema.optional(),
  agentId: IdSchema.optional(),
  /** A request waiting for its answer (`agent.list_files`, `transfer.preview`, `storage.probe`). */
  requestId: z.uuid().optional(),
});
export type CommandId = z.infer<typeof CommandIdSchema>;

export function commandIdOf(command: AgentCommand): CommandId {
  if (command.name === 'agent.revoked') return { name: command.name, agentId: command.args.agentId };
  if (command.name === 'agent.list_files' || command.name === 'transfer.preview' || command.name === 'storage.probe') {
    return { name: command.name, requestId: command.args.requestId };
  }
  return { name: command.name, transferId: command.args.transferId, attempt: command.args.attempt };
}

/** The `command` message of the server → agent union: a command with its id. */
export const AgentCommandMessageSchema = z.discriminatedUnion('name', [
  withId(StartCommand),
  withId(CloudStartCommand),
  withId(PauseCommand),
  withId(CancelCommand),
  withId(CheckCommand),
  withId(RevokedCommand),
  withId(ListFilesCommand),
  withId(PreviewCommand),
  withId(StorageProbeCommand),
]);
export type AgentCommandMessage = z.infer<typeof AgentCommandMessageSchema>;

function withId<Command extends (typeof AgentCommandSchema.options)[number]>(command: Command) {
  return command.extend({ type: z.literal('command'), commandId: CommandIdSchema });
}

export function commandMessage(command: AgentCommand): AgentCommandMessage {
  return { type: 'command', commandId: commandIdOf(command), ...command };
}

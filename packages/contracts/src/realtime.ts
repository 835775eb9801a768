/**
 * Messages on the one WebSocket endpoint, `/api/v1/ws`. Agents authenticate with a signed
 * assertion, people with an access token or API key: in the `Authorization` header, or as the
 * first message `{type: "auth"}` (browsers cannot set headers on a WebSocket).
 */
import { z } from 'zod';
import { AgentCommandMessageSchema, CommandIdSchema } from './agent-commands.ts';
import { AgentConfigSchema, AgentSchema, AgentStatusSchema, TelemetrySampleSchema } from './agents.ts';
import { CloudReplyMessageSchema, CloudRequestMessageSchema } from './cloud-transfers.ts';
import { IdSchema, textSchema } from './common.ts';
import { JobRunSchema } from './jobs.ts';
import type { Permission } from './permissions.ts';
import {
  TransferFilesSchema,
  TransferOutcomeSchema,
  TransferProgressSchema,
  TransferReconcileSchema,
  TransferSchema,
} from './transfers.ts';

export const REALTIME_PATH = '/api/v1/ws';
export const MAX_FRAME_BYTES = 256 * 1024;
export const MAX_SAMPLES_PER_MESSAGE = 500;
/**
 * Messages a socket may send: a bucket of MESSAGE_BURST refilled at MESSAGES_PER_SECOND; a socket
 * that empties it is closed (`tooManyMessages`). A busy agent sends about 30 a second (telemetry at
 * 10 Hz, progress of four transfers at 4 Hz, pongs); a replayed backlog waits for acks.
 */
export const MESSAGES_PER_SECOND = 100;
export const MESSAGE_BURST = 500;

/** Close codes: 4000 + the HTTP status they resemble. */
export const CloseCode = {
  badRequest: 4400,
  /** Bad credentials; for a client also its access token or API key expiring or being revoked (reconnect with a fresh one). */
  unauthorized: 4401,
  /** For a client: its person is no longer a member of the company. */
  forbidden: 4403,
  authTimeout: 4408,
  tooLarge: 4413,
  /** The agent was revoked by an administrator; rejected agents get `forbidden`. */
  revoked: 4410,
  replaced: 4409,
  /** The agent speaks another protocol version than the server (AGENT_PROTOCOL_VERSION): install the server's agent. */
  upgradeRequired: 4426,
  heartbeatTimeout: 4504,
  /** More messages than the rate limit allows (MESSAGES_PER_SECOND). */
  tooManyMessages: 4429,
  /**
   * The standard "try again later": the server cannot do its part now (its database is
   * unreachable, or samples are stamped ahead of its clock). Not an authentication failure:
   * reconnect with backoff.
   */
  tryAgainLater: 1013,
} as const;

const PingSchema = z.strictObject({ type: z.literal('ping'), id: z.number().int() });
const PongSchema = z.strictObject({ type: z.literal('pong'), id: z.number().int() });
const AuthSchema = z.strictObject({ type: z.literal('auth'), token: textSchema({ min: 1, max: 4096, trim: false }) });
const ErrorSchema = z.strictObject({ type: z.literal('error'), code: z.string(), message: z.string() });
/** What the socket layer sends by itself on any connection: heartbeats, and the answer to a message it refused. */
export type SessionFrame = z.infer<typeof PingSchema | typeof PongSchema | typeof ErrorSchema>;

// ---------------------------------------------------------------- agent → server
export const AgentMessageSchema = z.discriminatedUnion('type', [
  AuthSchema,
  PingSchema,
  PongSchema,
  z.strictObject({
    type: z.literal('telemetry'),
    samples: z.array(TelemetrySampleSchema).min(1).max(MAX_SAMPLES_PER_MESSAGE),
  }),
  /**
   * Where this agent receives transfers: its data-channel port and the SHA-256 fingerprint of
   * its certificate (senders pin it). The host is not the agent's to say: senders use the address
   * the server sees, or the one an administrator set for the agent (`dataHost`).
   */
  z.strictObject({
    type: z.literal('data_channel'),
    port: z.number().int().min(1).max(65535),
    fingerprint: z.string().regex(/^[0-9a-f]{64}$/, { error: 'a lowercase hex SHA-256 fingerprint' }),
  }),
  TransferProgressSchema.extend({ type: z.literal('transfer_progress') }),
  TransferFilesSchema.extend({ type: z.literal('transfer_files') }),
  TransferOutcomeSchema.extend({ type: z.literal('transfer_outcome') }),
  TransferReconcileSchema.extend({ type: z.literal('transfer_reconcile') }),
  CloudRequestMessageSchema,
  /** Sent when a command failed (or could not be read); a command that was accepted needs no answer. */
  z.strictObject({
    type: z.literal('command_result'),
    commandId: CommandIdSchema,
    ok: z.boolean(),
    result: z.unknown().optional(),
    error: textSchema({ max: 2000, multiline: true }).optional(),
  }),
]);
export type AgentMessage = z.infer<typeof AgentMessageSchema>;

// ---------------------------------------------------------------- server → agent
export const ServerToAgentMessageSchema = z.discriminatedUnion('type', [
  PingSchema,
  PongSchema,
  /**
   * serverTime: the server's clock (ms since the epoch); agents sign and stamp on it, not on their
   * own. Optional so an upgraded agent still understands a server that does not send it.
   */
  z.strictObject({
    type: z.literal('hello'),
    agentId: IdSchema,
    status: AgentStatusSchema,
    config: AgentConfigSchema,
    serverTime: z.number().int().positive().optional(),
  }),
  z.strictObject({ type: z.literal('config'), config: AgentConfigSchema }),
  /**
   * Answers telemetry messages, in message order, once their samples are stored (or folded):
   * upToSeq is the highest seq acknowledged, folded the samples dropped to the plan rate since the
   * previous ack. One ack may cover several messages (about one ack a second). Agents
   * send samples in seq order, so every sample with seq ≤ upToSeq can leave the outbox.
   */
  z.strictObject({ type: z.literal('ack'), upToSeq: z.number().int(), folded: z.number().int() }),
  /** A transfer report (`transfer_files`, `transfer_outcome`) with this seq is stored: the agent may forget it. */
  z.strictObject({ type: z.literal('transfer_ack'), seq: z.number().int().positive() }),
  AgentCommandMessageSchema,
  CloudReplyMessageSchema,
  ErrorSchema,
]);
export type ServerToAgentMessage = z.infer<typeof ServerToAgentMessageSchema>;

// ---------------------------------------------------------------- client (dashboard, MCP) ↔ server
export const ClientMessageSchema = z.discriminatedUnion('type', [
  AuthSchema,
  PingSchema,
  PongSchema,
  z.strictObject({ type: z.literal('subscribe'), projectId: IdSchema }),
  z.strictObject({ type: z.literal('unsubscribe'), projectId: IdSchema }),
]);
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

/** What a project subscription delivers. */
export const ProjectEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('agent_status'), projectId: IdSchema, agent: AgentSchema }),
  /** New samples of the project's agents, coalesced: at most about 20 of these a second per project. */
  z.strictObject({
    type: z.literal('telemetry'),
    projectId: IdSchema,
    batches: z.array(z.strictObject({ agentId: IdSchema, samples: z.array(TelemetrySampleSchema) })),
  }),
  /** A transfer changed: state, or progress (at most once a second per transfer). */
  z.strictObject({ type: z.literal('transfer'), projectId: IdSchema, transfer: TransferSchema }),
  /** A job's run was recorded, or changed with its transfer (started, succeeded, failed, canceled, started again). */
  z.strictObject({ type: z.literal('job_run'), projectId: IdSchema, run: JobRunSchema }),
]);
export type ProjectEvent = z.infer<typeof ProjectEventSchema>;
export type ProjectEventType = ProjectEvent['type'];

/**
 * The permission on the project a subscriber needs for each event type: the same permission
 * the REST route that reads the same data requires. Each event goes only to subscribers who
 * hold its permission now; a new event type does not type-check until it names one here.
 */
export const PROJECT_EVENT_PERMISSIONS = {
  agent_status: 'agents:read',
  telemetry: 'agents:read',
  transfer: 'transfers:read',
  job_run: 'jobs:read',
} as const satisfies Record<ProjectEventType, Permission>;

export const ProjectEventTypeSchema = z.enum(
  Object.keys(PROJECT_EVENT_PERMISSIONS) as [ProjectEventType, ...ProjectEventType[]],
);

export const ServerToClientMessageSchema = z.discriminatedUnion('type', [
  PingSchema,
  PongSchema,
  z.strictObject({ type: z.literal('ready'), userId: IdSchema, companyId: IdSchema }),
  /**
   * Subscribed, with the event types this subscription delivers (those the caller's permissions
   * allow). Sent again when a permission change narrows them.
   */
  z.strictObject({ type: z.literal('subscribed'), projectId: IdSchema, events: z.array(ProjectEventTypeSchema) }),
  /** On request, or with a reason when the caller lost access to the project. */
  z.strictObject({ type: z.literal('unsubscribed'), projectId: IdSchema, reason: z.string().optional() }),
  /** The company's plan changed (its limits and features): read the subscription again. */
  z.strictObject({ type: z.literal('plan_changed') }),
  ...ProjectEventSchema.options,
  ErrorSchema,
]);
export type ServerToClientMessage = z.infer<typeof ServerToClientMessageSchema>;

// ---------------------------------------------------------------- agent assertion
/** Claims of the short-lived JWT an agent signs with its own key to authenticate. */
export const AGENT_ASSERTION_AUDIENCE = 'tcpa-agent-auth';
/** The JWT `typ` header that marks an agent assertion (as opposed to a user access token). */
export const AGENT_ASSERTION_TYPE = 'agent+jwt';
export const AGENT_ASSERTION_MAX_LIFETIME_SECONDS = 120;
/**
 * What agents and the control plane say to each other (commands, reports, data-channel frames),
 * signed by the agent as its assertion's `proto` claim; the server refuses another one with
 * `CloseCode.upgradeRequired`, naming both. 1 (no claim): command ids as "name:id:attempt"
 * strings. 2: structured command ids, failed files carry their errno code.
 */
export const AGENT_PROTOCOL_VERSION = 2;

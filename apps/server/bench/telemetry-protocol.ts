/**
 * Messages between the telemetry bench (telemetry-bench.ts) and its worker processes
 * (agent-fleet-worker.ts, subscriber-worker.ts), over the Node IPC channel, validated with zod
 * on receipt. Times are epoch milliseconds (Date.now(); one machine, one clock).
 */
import { z } from 'zod';
import { HistogramDataSchema } from './histogram.ts';

const Count = z.number().int().min(0);
const EpochMs = z.number().int().positive();

export const WindowSchema = z.strictObject({
  /** Samples with windowStart <= ts < windowEnd are the measured ones. */
  windowStart: EpochMs,
  windowEnd: EpochMs,
});
export type Window = z.infer<typeof WindowSchema>;

// ---------------------------------------------------------------- orchestrator → agent fleet worker
export const SimulatedAgentSchema = z.strictObject({
  agentId: z.uuid(),
  privateKeyJwk: z.strictObject({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), d: z.string() }),
  /** Offset of this agent's sends within the period, so that the fleet's sends spread evenly. */
  phaseMs: z.number().min(0),
});
export type SimulatedAgent = z.infer<typeof SimulatedAgentSchema>;

export const ToFleetSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('init'),
    wsUrl: z.string().regex(/^wss?:\/\//),
    hz: z.number().positive(),
    /** Connection attempts in flight at once in this worker. */
    connectConcurrency: z.number().int().min(1),
    agents: z.array(SimulatedAgentSchema).min(1),
  }),
  z.strictObject({
    type: z.literal('start'),
    /** Sends are scheduled from here: agent i sends at t0 + phase_i + k × period. */
    t0: EpochMs,
    /** No sends scheduled at or after this. */
    stopAt: EpochMs,
    window: WindowSchema,
  }),
  /** Wait until every sent sample is acknowledged, or acks have stopped for quietMs (at most maxMs), then report. */
  z.strictObject({ type: z.literal('drain'), quietMs: z.number().int().min(1), maxMs: z.number().int().min(1) }),
  z.strictObject({ type: z.literal('close') }),
]);
export type ToFleet = z.infer<typeof ToFleetSchema>;

// ---------------------------------------------------------------- agent fleet worker → orchestrator
export const FleetReportSchema = z.strictObject({
  type: z.literal('report'),
  agents: Count,
  /** Samples sent over the whole run, and acknowledged (stored or folded) by the server. */
  sent: Count,
  acked: Count,
  /** Samples the server acknowledged without storing (sent faster than the plan allows). */
  folded: Count,
  sentInWindow: Count,
  ackedInWindow: Count,
  /** Sends moved later or dropped so that one agent never sends faster than the plan's 0.8 × interval tolerance. */
  deferred: Count,
  skipped: Count,
  /** ControlChannel.send returned false (no open connection). */
  sendFailures: Count,
  /** Connections that closed while the bench was running, by close code. */
  closes: z.record(z.string(), Count),
  /** `{type:'error'}` frames from the server. */
  serverErrors: Count,
  /** How late sends went out after their scheduled time (ms), in the window. */
  sendLag: HistogramDataSchema,
  /** Send → ack of samples in the window (ms): batching delay + database write + queueing. */
  ackLatency: HistogramDataSchema,
});
export type FleetReport = z.infer<typeof FleetReportSchema>;

export const FromFleetSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('connected'),
    connected: Count,
    failed: Count,
    /** A few reasons for failed connections, for the error message. */
    reasons: z.array(z.string()),
  }),
  z.strictObject({ type: z.literal('progress'), sent: Count, acked: Count }),
  FleetReportSchema,
]);
export type FromFleet = z.infer<typeof FromFleetSchema>;

// ---------------------------------------------------------------- orchestrator → subscriber worker
export const ToSubscribersSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('init'),
    wsUrl: z.string().regex(/^wss?:\/\//),
    accessToken: z.string().min(1),
    projectId: z.uuid(),
    subscribers: z.number().int().min(1),
  }),
  z.strictObject({ type: z.literal('window'), window: WindowSchema }),
  z.strictObject({ type: z.literal('report') }),
  z.strictObject({ type: z.literal('close') }),
]);
export type ToSubscribers = z.infer<typeof ToSubscribersSchema>;

// ---------------------------------------------------------------- subscriber worker → orchestrator
export const SubscriberReportSchema = z.strictObject({
  type: z.literal('report'),
  perSubscriber: z.array(
    z.strictObject({
      telemetryMessages: Count,
      samples: Count,
      samplesInWindow: Count,
      agentStatusMessages: Count,
    }),
  ),
  /** Agent send (sample.ts) → subscriber receive, of samples in the window, all subscribers (ms). */
  latency: HistogramDataSchema,
  /** Round trip of application-level `{type:'ping'}` messages sent every 100 ms during the window (ms). */
  pingRtt: HistogramDataSchema,
  closes: z.record(z.string(), Count),
  serverErrors: Count,
});
export type SubscriberReport = z.infer<typeof SubscriberReportSchema>;

export const FromSubscribersSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready'), subscribers: Count }),
  SubscriberReportSchema,
]);
export type FromSubscribers = z.infer<typeof FromSubscribersSchema>;

// ---------------------------------------------------------------- orchestrator ↔ server probe (server-probe.ts)
export const PROBE_DIR_ENV = 'BENCH_PROBE_DIR';
export const PROBE_COMMAND_FILE = 'command.json';
export const PROBE_ANSWER_FILE = 'answer.json';
export const PROBE_PROFILE_FILE = 'server-window.cpuprofile';

export const ProbeCommandSchema = z.strictObject({
  n: z.number().int(),
  /** `gc`: a full garbage collection (the server runs with --expose-gc), to read live memory. */
  action: z.enum(['window-start', 'window-end', 'gc']),
  profile: z.boolean(),
});
export type ProbeCommand = z.infer<typeof ProbeCommandSchema>;

export const ProbeAnswerSchema = z.strictObject({
  n: z.number().int(),
  /** Share of the time the event loop was busy since window-start (1 = always). */
  eventLoopUtilization: z.number(),
  /** How late a 10 ms timer ran, in ms (monitorEventLoopDelay, less its 10 ms interval). */
  delayMs: z.strictObject({ mean: z.number(), p50: z.number(), p99: z.number(), max: z.number() }),
  heapUsedMiB: z.number(),
  rssKiB: z.number(),
  profilePath: z.string().nullable(),
  error: z.string().nullable(),
});
export type ProbeAnswer = z.infer<typeof ProbeAnswerSchema>;

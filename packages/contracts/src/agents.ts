import { z } from 'zod';
import { IdSchema, TimestampSchema, textSchema } from './common.ts';
import { DataHostSchema } from './data-host.ts';

export const AgentStatusSchema = z.enum(['pending', 'active', 'rejected', 'revoked']);
export type AgentStatus = z.infer<typeof AgentStatusSchema>;

export const TagSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._:-]{0,62}$/, { error: 'tags are lowercase letters, digits and . _ : - (max 63)' });
export const TagsSchema = z.array(TagSchema).max(20, { error: 'at most 20 tags' });

export const AgentNameSchema = textSchema({ min: 1, max: 100 });

export const AgentSchema = z.strictObject({
  id: IdSchema,
  projectId: IdSchema,
  name: z.string(),
  status: AgentStatusSchema,
  online: z.boolean(),
  lastSeenAt: TimestampSchema.nullable(),
  tags: z.array(z.string()),
  hostname: z.string().nullable(),
  platform: z.string().nullable(),
  version: z.string().nullable(),
  /** Where other agents reach its data channel, if an administrator set it; null: the address the server sees. */
  dataHost: z.string().nullable(),
  /**
   * How far the agent's own clock was from the server's when it last tried to connect (ms,
   * positive: ahead). Agents sign and stamp on the server's time, so a skew does not stop them;
   * it is shown so the machine's clock can be fixed. Null: not measured yet.
   */
  clockSkewMs: z.number().int().nullable(),
  /** Why the server last refused this agent's connection, while that is the latest news. */
  lastRefusal: z.strictObject({ at: TimestampSchema, reason: z.string() }).nullable(),
  createdAt: TimestampSchema,
});
export type Agent = z.infer<typeof AgentSchema>;
export const AgentListSchema = z.strictObject({ agents: z.array(AgentSchema) });

export const AgentListQuerySchema = z.strictObject({
  /** Without it the list leaves out revoked agents; `status=revoked` lists only them. */
  status: AgentStatusSchema.optional(),
  online: z.enum(['true', 'false']).optional(),
  tag: TagSchema.optional(),
  /** `true` lists revoked agents too, beside the others. */
  includeRevoked: z.enum(['true', 'false']).optional(),
});

export const UpdateAgentBodySchema = z
  .strictObject({
    name: AgentNameSchema.optional(),
    tags: TagsSchema.optional(),
    /** Where other agents reach its data channel; null goes back to the address the server sees. */
    dataHost: DataHostSchema.nullable().optional(),
  })
  .refine((body) => body.name !== undefined || body.tags !== undefined || body.dataHost !== undefined, {
    error: 'give name, tags or dataHost to change',
  });

// ---------------------------------------------------------------- enrolment tokens
export const EnrolmentTokenSchema = z.strictObject({
  id: IdSchema,
  projectId: IdSchema,
  name: z.string(),
  prefix: z.string(),
  reusable: z.boolean(),
  preApproved: z.boolean(),
  tags: z.array(z.string()),
  expiresAt: TimestampSchema,
  usedCount: z.number().int(),
  revokedAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
});
export type EnrolmentToken = z.infer<typeof EnrolmentTokenSchema>;
export const EnrolmentTokenListSchema = z.strictObject({ tokens: z.array(EnrolmentTokenSchema) });

export const CreateEnrolmentTokenBodySchema = z.strictObject({
  name: textSchema({ min: 1, max: 100 }).default('enrolment token'),
  reusable: z.boolean().default(false),
  preApproved: z.boolean().default(false),
  tags: TagsSchema.default([]),
  expiresInHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24),
  /**
   * The folder on the machine that transfers may read from and write into, for the install
   * command's `--root` (not stored). Without it the command holds a placeholder to replace.
   */
  root: textSchema({ min: 1, max: 4096, trim: false })
    .regex(/^\//, { error: 'must be an absolute folder path on the machine, e.g. /srv/transfers' })
    .optional(),
});
/** The secret and the install command are shown once. */
export const CreatedEnrolmentTokenSchema = z.strictObject({
  token: EnrolmentTokenSchema,
  secret: z.string(),
  installCommand: z.string(),
});

// ---------------------------------------------------------------- enrolment (agent → server)
export const EnrolBodySchema = z.strictObject({
  token: textSchema({ min: 1, max: 200, trim: false }),
  name: AgentNameSchema,
  /** The agent's Ed25519 public key as a JWK; it signs the agent's credentials. */
  publicKey: z.strictObject({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'must be a 32-byte key in base64url (43 characters)' }),
  }),
  hostname: textSchema({ max: 255 }).optional(),
  platform: textSchema({ max: 100 }).optional(),
  version: textSchema({ max: 50 }).optional(),
});
export type EnrolBody = z.infer<typeof EnrolBodySchema>;

export const AgentConfigSchema = z.strictObject({
  telemetryIntervalMs: z.number().int().positive(),
  planId: z.string(),
});
export type AgentConfig = z.infer<typeof AgentConfigSchema>;

export const EnrolResponseSchema = z.strictObject({
  agentId: IdSchema,
  projectId: IdSchema,
  companyId: IdSchema,
  status: AgentStatusSchema,
  tags: z.array(z.string()),
  config: AgentConfigSchema,
});
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>;

// ---------------------------------------------------------------- telemetry
/**
 * Every field is bounded to what its column in `telemetry` (packages/db/schema.sql) holds, so a
 * sample that passes here cannot fail the shared ingest batch: integer (int4) counters up to
 * 2^31 − 1, bigint byte counts within JavaScript's safe integers, real/double values finite and
 * within a range no machine reaches, timestamps between 2000 and 2100.
 */
export const TELEMETRY_LIMITS = {
  int4: 2_147_483_647,
  bytes: Number.MAX_SAFE_INTEGER,
  /** 1 Pbit/s: summed per minute in double precision, far from overflow. */
  throughputBps: 1e15,
  /** An hour: a real RTT to the server is seconds at most (heartbeats time out after three periods). */
  rttMs: 3_600_000,
  tsMin: Date.UTC(2000, 0, 1),
  tsMax: Date.UTC(2100, 0, 1),
} as const;

const counter = z
  .number()
  .int({ error: `must be a whole number up to ${TELEMETRY_LIMITS.int4} (a 32-bit counter)` })
  .nonnegative()
  .max(TELEMETRY_LIMITS.int4, { error: `must be at most ${TELEMETRY_LIMITS.int4} (a 32-bit counter)` });
const byteCount = z
  .number()
  .nonnegative()
  .max(TELEMETRY_LIMITS.bytes, { error: `must be at most ${TELEMETRY_LIMITS.bytes} bytes (8 PiB)` });
const timestampError = 'must be a time between 2000-01-01 and 2100-01-01, in whole milliseconds since 1970';

export const TelemetrySampleSchema = z.strictObject({
  seq: z.number().int({ error: 'must be a whole number up to 2^53 − 1' }).nonnegative(),
  /** When the sample was taken. */
  ts: z
    .number()
    .int({ error: timestampError })
    .min(TELEMETRY_LIMITS.tsMin, { error: timestampError })
    .max(TELEMETRY_LIMITS.tsMax, { error: timestampError }),
  /** Whole-machine CPU use, 0–100 across all cores. */
  cpuPct: z.number().min(0).max(100),
  memUsedBytes: byteCount,
  memTotalBytes: byteCount,
  diskFreeBytes: byteCount,
  /**
   * Size of the file systems diskFreeBytes is measured on (the agent's roots, each once). Optional:
   * agents older than it send none, and their samples are stored without it.
   */
  diskTotalBytes: byteCount.optional(),
  netRxBytes: byteCount,
  netTxBytes: byteCount,
  activeTransfers: counter,
  /** Bits per second, summed over the agent's running transfers. */
  throughputBps: z
    .number()
    .nonnegative()
    .max(TELEMETRY_LIMITS.throughputBps, { error: 'must be at most 1e15 bits per second (1 Pbit/s)' }),
  rttMs: z
    .number()
    .nonnegative()
    .max(TELEMETRY_LIMITS.rttMs, { error: 'must be at most 3600000 (an hour)' })
    .nullable(),
  errors: counter,
  droppedSamples: counter,
});
export type TelemetrySample = z.infer<typeof TelemetrySampleSchema>;

export const TelemetryPointSchema = z.strictObject({
  ts: TimestampSchema,
  samples: z.number().int(),
  cpuPct: z.number().nullable(),
  memUsedBytes: z.number().nullable(),
  diskFreeBytes: z.number().nullable(),
  netRxBytes: z.number().nullable(),
  netTxBytes: z.number().nullable(),
  activeTransfers: z.number().nullable(),
  throughputBps: z.number().nullable(),
  rttMs: z.number().nullable(),
  errors: z.number().nullable(),
});
export type TelemetryPoint = z.infer<typeof TelemetryPointSchema>;

export const TelemetryQuerySchema = z.strictObject({
  from: TimestampSchema,
  to: TimestampSchema,
  resolution: z.enum(['auto', 'raw', 'minute']).default('auto'),
});
export const TelemetrySeriesSchema = z.strictObject({
  agentId: IdSchema,
  resolution: z.enum(['raw', 'minute']),
  points: z.array(TelemetryPointSchema),
});

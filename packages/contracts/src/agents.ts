import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common.ts';

export const AgentStatusSchema = z.enum(['pending', 'active', 'rejected', 'revoked']);
export type AgentStatus = z.infer<typeof AgentStatusSchema>;

export const TagSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._:-]{0,62}$/, { error: 'tags are lowercase letters, digits and . _ : - (max 63)' });
export const TagsSchema = z.array(TagSchema).max(20, { error: 'at most 20 tags' });

export const AgentNameSchema = z.string().trim().min(1, { error: 'must not be empty' }).max(100);

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
  createdAt: TimestampSchema,
});
export type Agent = z.infer<typeof AgentSchema>;
export const AgentListSchema = z.strictObject({ agents: z.array(AgentSchema) });

export const AgentListQuerySchema = z.strictObject({
  status: AgentStatusSchema.optional(),
  online: z.enum(['true', 'false']).optional(),
  tag: TagSchema.optional(),
});

export const UpdateAgentBodySchema = z
  .strictObject({ name: AgentNameSchema.optional(), tags: TagsSchema.optional() })
  .refine((body) => body.name !== undefined || body.tags !== undefined, { error: 'give name or tags to change' });

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
  name: z.string().trim().min(1).max(100).default('enrolment token'),
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
  root: z
    .string()
    .max(4096)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
    .regex(/^\/[^\u0000-\u001f\u007f]*$/, {
      error: 'must be an absolute folder path on the machine, e.g. /srv/transfers',
    })
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
  token: z.string().min(1).max(200),
  name: AgentNameSchema,
  /** The agent's Ed25519 public key as a JWK; it signs the agent's credentials. */
  publicKey: z.strictObject({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().min(40).max(50) }),
  hostname: z.string().max(255).optional(),
  platform: z.string().max(100).optional(),
  version: z.string().max(50).optional(),
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
export const TelemetrySampleSchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  ts: z.number().int().positive(),
  /** Whole-machine CPU use, 0–100 across all cores. */
  cpuPct: z.number().min(0).max(100),
  memUsedBytes: z.number().nonnegative(),
  memTotalBytes: z.number().nonnegative(),
  diskFreeBytes: z.number().nonnegative(),
  netRxBytes: z.number().nonnegative(),
  netTxBytes: z.number().nonnegative(),
  activeTransfers: z.number().int().nonnegative(),
  /** Bits per second, summed over the agent's running transfers. */
  throughputBps: z.number().nonnegative(),
  rttMs: z.number().nonnegative().nullable(),
  errors: z.number().int().nonnegative(),
  droppedSamples: z.number().int().nonnegative(),
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
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  resolution: z.enum(['auto', 'raw', 'minute']).default('auto'),
});
export const TelemetrySeriesSchema = z.strictObject({
  agentId: IdSchema,
  resolution: z.enum(['raw', 'minute']),
  points: z.array(TelemetryPointSchema),
});

import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common.ts';

export const AuditEntrySchema = z.strictObject({
  id: z.number().int(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  actorUserId: IdSchema.nullable(),
  actorApiKeyId: IdSchema.nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  createdAt: TimestampSchema,
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** An action as the log names it (`project.created`): a filter with anything else could match nothing. */
export const AuditActionSchema = z
  .string()
  .regex(/^[a-z0-9_.:-]{1,100}$/, { error: 'must be an action name such as "project.created"' });

export const AuditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
  action: AuditActionSchema.optional(),
});
export const AuditListSchema = z.strictObject({
  entries: z.array(AuditEntrySchema),
  nextBefore: z.number().int().nullable(),
});

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

export const AuditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
  action: z.string().max(100).optional(),
});
export const AuditListSchema = z.strictObject({
  entries: z.array(AuditEntrySchema),
  nextBefore: z.number().int().nullable(),
});

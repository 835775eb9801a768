import { z } from 'zod';
import { IdSchema, TimestampSchema, textSchema } from './common.ts';
import { PermissionSchema } from './permissions.ts';

export const ApiKeySchema = z.strictObject({
  id: IdSchema,
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(PermissionSchema),
  projectIds: z.array(IdSchema).nullable(),
  createdBy: IdSchema,
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema.nullable(),
  lastUsedAt: TimestampSchema.nullable(),
  revokedAt: TimestampSchema.nullable(),
  /** The key that created this one (it expires no later and is revoked with it); null when a person did. */
  parentId: IdSchema.nullable(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;
export const ApiKeyListSchema = z.strictObject({ apiKeys: z.array(ApiKeySchema) });

export const CreateApiKeyBodySchema = z.strictObject({
  name: textSchema({ min: 1, max: 100 }),
  scopes: z.array(PermissionSchema).min(1, { error: 'give at least one scope' }),
  projectIds: z.array(IdSchema).min(1).max(100).optional(),
  expiresAt: TimestampSchema.optional(),
});
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBodySchema>;

/** `secret` is shown once, at creation; only its hash is stored. */
export const CreatedApiKeySchema = z.strictObject({ apiKey: ApiKeySchema, secret: z.string() });

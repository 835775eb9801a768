import { ApiKeyListSchema, CreateApiKeyBodySchema, CreatedApiKeySchema, IdSchema } from '@tcpa/contracts';
import { z } from 'zod';
import { API_KEY_PREFIX, newPrefixedSecret } from '../../auth/prefixed-secrets.ts';
import { hashSecret } from '../../auth/secrets.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import { tenantRoute } from '../../http/route.ts';
import { requirePlanFeature } from '../plans/plan-features.ts';
import { insertApiKey, listApiKeys, revokeApiKeyAndDescendants } from './api-keys.sql.ts';
import { applyChildKeyRules } from './child-key-rules.ts';

const tags = ['api keys'];

export const apiKeyRoutes = [
  tenantRoute({
    method: 'get',
    path: '/api/v1/api-keys',
    summary: "List the company's API keys (never their secrets)",
    tags,
    access: { kind: 'company', permission: 'api_keys:read' },
    response: ApiKeyListSchema,
    async handler({ tx }) {
      return { apiKeys: await listApiKeys(tx) };
    },
  }),

  tenantRoute({
    method: 'post',
    path: '/api/v1/api-keys',
    summary:
      'Create an API key; its secret is in this response only. A key made with a key expires no later than it (its expiry by default)',
    tags,
    access: { kind: 'company', permission: 'api_keys:write' },
    body: CreateApiKeyBodySchema,
    response: CreatedApiKeySchema,
    status: 201,
    async handler({ tx, body, principal, audit }) {
      await requirePlanFeature(tx, 'api', 'API access');
      if (body.expiresAt && Date.parse(body.expiresAt) <= Date.now()) {
        throw new AppError('validation_failed', 'expiresAt must be in the future');
      }
      const projectIds = body.projectIds ? [...new Set(body.projectIds)] : null;
      const expiresAt =
        principal.kind === 'api_key'
          ? await applyChildKeyRules(tx, principal, body, projectIds)
          : (body.expiresAt ?? null);
      if (projectIds) {
        const [row] = await tx.query<{ missing: string[] }>(
          `select coalesce(array_agg(id), '{}') as missing from unnest($1::uuid[]) as id
           where not (id = any(app.project_ids_with('projects:read')))`,
          [projectIds],
        );
        if (row && row.missing.length > 0) {
          throw new AppError('not_found', `Projects not found: ${row.missing.join(', ')}`);
        }
      }
      const { secret, prefix } = newPrefixedSecret(API_KEY_PREFIX);
      const apiKey = await insertApiKey(tx, {
        name: body.name,
        prefix,
        secretHash: hashSecret(secret),
        scopes: [...new Set(body.scopes)],
        projectIds,
        expiresAt,
      });
      await audit({
        action: 'api_key.created',
        targetType: 'api_key',
        targetId: apiKey.id,
        details: { name: apiKey.name, prefix, scopes: apiKey.scopes, projectIds, expiresAt },
      });
      return { apiKey, secret };
    },
  }),

  tenantRoute({
    method: 'delete',
    path: '/api/v1/api-keys/:apiKeyId',
    summary: 'Revoke an API key and every key minted from it; they stop working on their next request',
    tags,
    access: { kind: 'company', permission: 'api_keys:write' },
    changesAccess: true,
    params: z.strictObject({ apiKeyId: IdSchema }),
    response: null,
    async handler({ tx, params, audit }) {
      const revoked = await revokeApiKeyAndDescendants(tx, params.apiKeyId);
      if (!revoked.includes(params.apiKeyId)) throw notFound('Active API key');
      const descendants = revoked.filter((id) => id !== params.apiKeyId);
      await audit({
        action: 'api_key.revoked',
        targetType: 'api_key',
        targetId: params.apiKeyId,
        details: { descendants },
      });
      return undefined;
    },
  }),
];

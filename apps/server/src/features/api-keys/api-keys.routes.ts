import { ApiKeyListSchema, CreateApiKeyBodySchema, CreatedApiKeySchema, IdSchema } from '@tcpa/contracts';
import { z } from 'zod';
import { API_KEY_PREFIX, newPrefixedSecret } from '../../auth/prefixed-secrets.ts';
import { hashSecret } from '../../auth/secrets.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import { tenantRoute } from '../../http/route.ts';
import { requirePlanFeature } from '../plans/plan-features.ts';
import { insertApiKey, listApiKeys, revokeApiKey } from './api-keys.sql.ts';

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
    summary: 'Create an API key; its secret is in this response only',
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
      if (principal.kind === 'api_key') {
        // A key may only mint keys narrower than itself.
        const extra = body.scopes.filter((scope) => !principal.scopes.includes(scope));
        if (extra.length > 0) {
          throw new AppError('forbidden', `This API key cannot grant scopes it lacks: ${extra.join(', ')}`);
        }
        if (principal.projectIds && (!projectIds || projectIds.some((id) => !principal.projectIds?.includes(id)))) {
          throw new AppError('forbidden', 'This API key can only create keys limited to its own projects');
        }
      }
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
        expiresAt: body.expiresAt ?? null,
      });
      await audit({
        action: 'api_key.created',
        targetType: 'api_key',
        targetId: apiKey.id,
        details: { name: apiKey.name, prefix, scopes: apiKey.scopes, projectIds },
      });
      return { apiKey, secret };
    },
  }),

  tenantRoute({
    method: 'delete',
    path: '/api/v1/api-keys/:apiKeyId',
    summary: 'Revoke an API key; it stops working on its next request',
    tags,
    access: { kind: 'company', permission: 'api_keys:write' },
    changesAccess: true,
    params: z.strictObject({ apiKeyId: IdSchema }),
    response: null,
    async handler({ tx, params, audit }) {
      if (!(await revokeApiKey(tx, params.apiKeyId))) throw notFound('Active API key');
      await audit({ action: 'api_key.revoked', targetType: 'api_key', targetId: params.apiKeyId });
      return undefined;
    },
  }),
];

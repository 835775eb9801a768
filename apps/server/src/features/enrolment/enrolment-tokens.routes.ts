import {
  CreatedEnrolmentTokenSchema,
  CreateEnrolmentTokenBodySchema,
  type EnrolmentToken,
  EnrolmentTokenListSchema,
  IdSchema,
} from '@tcpa/contracts';
import { z } from 'zod';
import { ENROLMENT_TOKEN_PREFIX, newPrefixedSecret } from '../../auth/prefixed-secrets.ts';
import { hashSecret } from '../../auth/secrets.ts';
import { publicUrlOf } from '../../config/env.ts';
import { notFound } from '../../http/app-error.ts';
import { tenantRoute } from '../../http/route.ts';

const tags = ['agents'];
/** In the install command when no root was given: the agent refuses transfers without one. */
const ROOT_PLACEHOLDER = '/path/to/transfer-folder';

/** `path` as one shell word: as it is when plain, else in single quotes. */
function shellWord(path: string): string {
  return /^[\w/.,:+@%-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}
const ProjectParams = z.strictObject({ projectId: IdSchema });

interface TokenRow {
  id: string;
  project_id: string;
  name: string;
  prefix: string;
  reusable: boolean;
  pre_approved: boolean;
  tags: string[];
  expires_at: string;
  used_count: number;
  revoked_at: string | null;
  created_at: string;
}

const COLUMNS =
  'id, project_id, name, prefix, reusable, pre_approved, tags, expires_at, used_count, revoked_at, created_at';

function toToken(row: TokenRow): EnrolmentToken {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    prefix: row.prefix,
    reusable: row.reusable,
    preApproved: row.pre_approved,
    tags: row.tags,
    expiresAt: row.expires_at,
    usedCount: row.used_count,
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
  };
}

export const enrolmentTokenRoutes = [
  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId/enrolment-tokens',
    summary: "List a project's enrolment tokens (never their secrets)",
    tags,
    access: { kind: 'project', permission: 'agents:write', param: 'projectId' },
    params: ProjectParams,
    response: EnrolmentTokenListSchema,
    async handler({ tx, params }) {
      const rows = await tx.query<TokenRow>(
        `select ${COLUMNS} from enrolment_tokens where project_id = $1 order by created_at desc`,
        [params.projectId],
      );
      return { tokens: rows.map(toToken) };
    },
  }),

  tenantRoute({
    method: 'post',
    path: '/api/v1/projects/:projectId/enrolment-tokens',
    summary: 'Create an enrolment token; the secret and install command are in this response only',
    tags,
    access: { kind: 'project', permission: 'agents:write', param: 'projectId' },
    params: ProjectParams,
    body: CreateEnrolmentTokenBodySchema,
    response: CreatedEnrolmentTokenSchema,
    status: 201,
    async handler({ tx, params, body, deps, audit }) {
      const { secret, prefix } = newPrefixedSecret(ENROLMENT_TOKEN_PREFIX);
      const [row] = await tx.query<TokenRow>(
        `insert into enrolment_tokens (company_id, project_id, name, prefix, secret_hash, reusable, pre_approved,
           tags, expires_at, created_by)
         values (app.company_id(), $1, $2, $3, $4, $5, $6, $7, now() + make_interval(hours => $8), app.user_id())
         returning ${COLUMNS}`,
        [
          params.projectId,
          body.name,
          prefix,
          hashSecret(secret),
          body.reusable,
          body.preApproved,
          [...new Set(body.tags)],
          body.expiresInHours,
        ],
      );
      if (!row) throw new Error('insert returned nothing');
      await audit({
        action: 'enrolment_token.created',
        targetType: 'enrolment_token',
        targetId: row.id,
        details: { projectId: params.projectId, prefix, reusable: body.reusable, preApproved: body.preApproved },
      });
      const server = publicUrlOf(deps.config);
      return {
        token: toToken(row),
        secret,
        installCommand: `curl -fsSL ${server}/install.sh | sh -s -- --token ${secret} --root ${shellWord(body.root ?? ROOT_PLACEHOLDER)}`,
      };
    },
  }),

  tenantRoute({
    method: 'delete',
    path: '/api/v1/projects/:projectId/enrolment-tokens/:tokenId',
    summary: 'Revoke an enrolment token (agents already enrolled keep working)',
    tags,
    access: { kind: 'project', permission: 'agents:write', param: 'projectId' },
    params: z.strictObject({ projectId: IdSchema, tokenId: IdSchema }),
    response: null,
    async handler({ tx, params, audit }) {
      const rows = await tx.query(
        `update enrolment_tokens set revoked_at = now()
         where project_id = $1 and id = $2 and revoked_at is null returning id`,
        [params.projectId, params.tokenId],
      );
      if (rows.length === 0) throw notFound('Active enrolment token');
      await audit({ action: 'enrolment_token.revoked', targetType: 'enrolment_token', targetId: params.tokenId });
      return undefined;
    },
  }),
];

import { type EnrolBody, EnrolBodySchema, EnrolResponseSchema } from '@tcpa/contracts';
import { ENROLMENT_TOKEN_PREFIX, prefixOf } from '../../auth/prefixed-secrets.ts';
import { secretMatches } from '../../auth/secrets.ts';
import { AppError } from '../../http/app-error.ts';
import type { RequestMeta } from '../../http/request-meta.ts';
import { publicRoute } from '../../http/route.ts';
import type { ServerDeps } from '../../server-deps.ts';
import { agentConfigAsService } from '../agents/agent-config.ts';
import { AGENT_COLUMNS, type AgentRow, toAgent } from '../agents/agents.sql.ts';
import { writeAudit } from '../audit/record-audit.ts';

interface TokenRow {
  id: string;
  company_id: string;
  project_id: string;
  secret_hash: string;
  reusable: boolean;
  pre_approved: boolean;
  tags: string[];
  expires_at: string;
  used_count: number;
  revoked_at: string | null;
}

const invalid = () => new AppError('unauthorized', 'Enrolment token is not valid: copy it again from the dashboard');

/** Before it is enrolled, the agent has no tenant: its token says which one it joins. */
async function enrolAgentAsService(
  { body, deps, meta }: { body: EnrolBody; deps: ServerDeps; meta: RequestMeta },
  prefix: string,
) {
  return deps.database.unsafeAsOwner(async (tx) => {
    const [token] = await tx.query<TokenRow>(
      `select id, company_id, project_id, secret_hash, reusable, pre_approved, tags, expires_at, used_count,
              revoked_at
       from enrolment_tokens where prefix = $1 for update`,
      [prefix],
    );
    if (!token || !secretMatches(body.token, token.secret_hash)) throw invalid();
    if (token.revoked_at) throw new AppError('unauthorized', 'Enrolment token has been revoked: ask for a new one');
    if (Date.parse(token.expires_at) <= Date.now()) {
      throw new AppError('unauthorized', `Enrolment token expired at ${token.expires_at}: ask for a new one`);
    }
    if (!token.reusable && token.used_count > 0) {
      throw new AppError('conflict', 'Enrolment token was for one agent and has been used: ask for a new one');
    }
    const [agent] = await tx.query<AgentRow>(
      `insert into agents (company_id, project_id, name, status, tags, public_key, hostname, platform, version,
         enrolment_token_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning ${AGENT_COLUMNS}`,
      [
        token.company_id,
        token.project_id,
        body.name,
        token.pre_approved ? 'active' : 'pending',
        token.tags,
        body.publicKey,
        body.hostname ?? null,
        body.platform ?? null,
        body.version ?? null,
        token.id,
      ],
    );
    if (!agent) throw new Error('insert returned nothing');
    await tx.query('update enrolment_tokens set used_count = used_count + 1 where id = $1', [token.id]);
    await writeAudit(tx, { companyId: token.company_id, userId: null }, meta, {
      action: 'agent.enrolled',
      targetType: 'agent',
      targetId: agent.id,
      details: { name: agent.name, projectId: agent.project_id, status: agent.status, hostname: agent.hostname },
    });
    return { row: agent, config: await agentConfigAsService(tx, token.company_id) };
  });
}

export const enrolRoutes = [
  publicRoute({
    method: 'post',
    path: '/api/v1/agents/enrol',
    summary: 'Enrol an agent with an enrolment token and its public key',
    tags: ['agents'],
    body: EnrolBodySchema,
    response: EnrolResponseSchema,
    status: 201,
    async handler({ body, deps, meta }) {
      const prefix = prefixOf(body.token, ENROLMENT_TOKEN_PREFIX);
      if (!prefix) throw invalid();
      const { row, config } = await enrolAgentAsService({ body, deps, meta }, prefix);
      deps.bus.publish({
        type: 'agent_changed',
        companyId: row.company_id,
        projectId: row.project_id,
        agent: toAgent(row),
      });
      return {
        agentId: row.id,
        projectId: row.project_id,
        companyId: row.company_id,
        status: row.status,
        tags: row.tags,
        config,
      };
    },
  }),
];

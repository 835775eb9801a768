import { AuditListSchema, AuditQuerySchema } from '@tcpa/contracts';
import { tenantRoute } from '../../http/route.ts';
import { requirePlanFeature } from '../plans/plan-features.ts';

interface AuditRow {
  id: number;
  action: string;
  target_type: string;
  target_id: string | null;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  created_at: string;
}

export const auditRoutes = [
  tenantRoute({
    method: 'get',
    path: '/api/v1/audit-log',
    summary: 'Read the audit log, newest first (Enterprise plan)',
    tags: ['audit'],
    access: { kind: 'company', permission: 'audit:read' },
    query: AuditQuerySchema,
    response: AuditListSchema,
    async handler({ tx, query }) {
      await requirePlanFeature(tx, 'audit_log', 'the audit log');
      const rows = await tx.query<AuditRow>(
        `select id, action, target_type, target_id, actor_user_id, actor_api_key_id, details, ip,
                user_agent, request_id, created_at
         from audit_log
         where ($1::bigint is null or id < $1) and ($2::text is null or action = $2)
         order by id desc limit $3`,
        [query.before ?? null, query.action ?? null, query.limit + 1],
      );
      const page = rows.slice(0, query.limit);
      return {
        entries: page.map((row) => ({
          id: row.id,
          action: row.action,
          targetType: row.target_type,
          targetId: row.target_id,
          actorUserId: row.actor_user_id,
          actorApiKeyId: row.actor_api_key_id,
          details: row.details,
          ip: row.ip,
          userAgent: row.user_agent,
          requestId: row.request_id,
          createdAt: row.created_at,
        })),
        nextBefore: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  }),
];

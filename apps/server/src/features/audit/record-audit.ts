import type { Queryable } from '@tcpa/db';
import type { Principal } from '../../auth/principal.ts';
import type { RequestMeta } from '../../http/request-meta.ts';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditActor {
  companyId: string;
  userId: string | null;
  apiKeyId?: string | null;
}

/** Written in the same transaction as the change it records: both land or neither does. */
export async function writeAudit(tx: Queryable, actor: AuditActor, meta: RequestMeta, entry: AuditEntry) {
  await tx.query(
    `insert into audit_log (company_id, actor_user_id, actor_api_key_id, action, target_type,
       target_id, details, ip, user_agent, request_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      actor.companyId,
      actor.userId,
      actor.apiKeyId ?? null,
      entry.action,
      entry.targetType,
      entry.targetId ?? null,
      entry.details ?? {},
      meta.ip,
      meta.userAgent,
      meta.requestId,
    ],
  );
}

export function recordAudit(tx: Queryable, principal: Principal, meta: RequestMeta, entry: AuditEntry) {
  return writeAudit(
    tx,
    {
      companyId: principal.companyId,
      userId: principal.userId,
      apiKeyId: principal.kind === 'api_key' ? principal.apiKeyId : null,
    },
    meta,
    entry,
  );
}
